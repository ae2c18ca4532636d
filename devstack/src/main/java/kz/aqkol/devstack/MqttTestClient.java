package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A plain MQTT 3.1.1 client for tests and tools: publishes at QoS 1 and waits for the broker's PUBACK, and
 * collects what arrives on its subscriptions. Plays a device, a listener on a DLQ topic, or a share-group member.
 */
public final class MqttTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_INFLIGHT = 1_000;
    private static final Vertx VERTX = Vertx.vertx();

    private final MqttClient client;
    private final Map<Integer, CompletableFuture<Void>> awaitingAck = new ConcurrentHashMap<>();
    private final Semaphore inflight = new Semaphore(MAX_INFLIGHT);
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger receivedCount = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private long nextAckAt;

    /** A message as it arrived. */
    public record Received(String topic, byte[] payload, boolean duplicate) {
        public String text() {
            return new String(payload, UTF_8);
        }
    }

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    /** Connects with a clean session. */
    public static MqttTestClient connect(String host, int port, String clientId) {
        return connect(host, port, clientId, true);
    }

    public static MqttTestClient connect(String host, int port, String clientId, boolean cleanSession) {
        return connect(host, port, clientId, cleanSession, Duration.ZERO);
    }

    /**
     * Connects; with a positive {@code ackDelay} the client acknowledges each message only that long after it
     * arrived, like a consumer that takes time to handle it.
     */
    public static MqttTestClient connect(String host, int port, String clientId, boolean cleanSession,
                                         Duration ackDelay) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(cleanSession)
                .setMaxInflightQueue(MAX_INFLIGHT)
                .setAutoKeepAlive(true)
                // any size MQTT allows: with -1 Vert.x keeps Netty's 8,092-byte limit and drops the connection
                .setMaxMessageSize(268_435_455);
        options.setAutoAck(ackDelay.isZero());
        MqttTestClient test = new MqttTestClient(MqttClient.create(VERTX, options));
        test.client.publishCompletionHandler(id -> test.acked(id, null));
        test.client.publishCompletionExpirationHandler(id -> test.acked(id, "no PUBACK for packet " + id));
        test.client.publishHandler(message -> {
            test.received.add(new Received(message.topicName(), message.payload().getBytes(), message.isDup()));
            test.receivedCount.incrementAndGet();
            if (!ackDelay.isZero()) {
                // one message at a time: each is acknowledged ackDelay after the one before
                long now = System.nanoTime();
                long ackAt = Math.max(now, test.nextAckAt) + ackDelay.toNanos();
                test.nextAckAt = ackAt;
                VERTX.setTimer(Math.max(1, (ackAt - now) / 1_000_000), timer -> {
                    if (test.client.isConnected()) {
                        message.ack();
                        test.acknowledged.incrementAndGet();
                    }
                });
            } else {
                test.acknowledged.incrementAndGet();
            }
        });
        await(test.client.connect(port, host).toCompletionStage().toCompletableFuture(), "connect to " + host);
        return test;
    }

    /** Publishes at QoS 1 and returns once the broker has acknowledged. */
    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(UTF_8));
    }

    public void publish(String topic, byte[] payload) {
        await(publishAsync(topic, payload), "PUBACK for " + topic);
    }

    /**
     * Publishes at QoS 1 without waiting; the future completes on the broker's PUBACK. At most
     * {@value #MAX_INFLIGHT} publishes are in flight: beyond that this call waits for a slot.
     */
    public CompletableFuture<Void> publishAsync(String topic, byte[] payload) {
        try {
            if (!inflight.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the broker acknowledges nothing: no room to publish " + topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(packetId -> brokerAck(packetId).whenComplete((ok, failure) -> {
                    awaitingAck.remove(packetId);
                    inflight.release();
                    if (failure == null) {
                        acked.complete(null);
                    } else {
                        acked.completeExceptionally(failure);
                    }
                }))
                .onFailure(failure -> {
                    inflight.release();
                    acked.completeExceptionally(failure);
                });
        return acked;
    }

    /** Subscribes at QoS 1 and returns once the broker has granted it. */
    public MqttTestClient subscribe(String filter) {
        CompletableFuture<Void> granted = new CompletableFuture<>();
        client.subscribeCompletionHandler(ack -> granted.complete(null));
        client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value());
        await(granted, "SUBACK for " + filter);
        return this;
    }

    /** How many received messages this client has acknowledged so far. */
    public int acknowledged() {
        return acknowledged.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many messages have arrived so far (cheaper than {@link #received()} for counting). */
    public int receivedCount() {
        return receivedCount.get();
    }

    /** Waits until a message matching {@code condition} has arrived, and returns it. */
    public Received await(Predicate<Received> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received message : received) {
                if (condition.test(message)) {
                    return message;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching message within " + timeout + "; received " + received.size());
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            await(client.disconnect().toCompletionStage().toCompletableFuture(), "disconnect");
        }
    }

    /** The PUBACK of a packet, whichever comes first: the write completing, or the broker's answer. */
    private CompletableFuture<Void> brokerAck(int packetId) {
        return awaitingAck.computeIfAbsent(packetId, id -> new CompletableFuture<>());
    }

    private void acked(int packetId, String failure) {
        if (failure == null) {
            brokerAck(packetId).complete(null);
        } else {
            brokerAck(packetId).completeExceptionally(new IllegalStateException(failure));
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out after " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }
}
