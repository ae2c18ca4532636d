package kz.aqkol.k8s;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One MQTT 3.1.1 client with a user name and password, as a device or a service connects: publishes at QoS 1 and
 * waits for the PUBACK (which Mosquitto sends for a publish its ACL drops too), subscribes and keeps what arrives.
 */
final class MqttUser implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Vertx VERTX = Vertx.vertx();
    /**
     * Held, so that its level stays: Vert.x logs every connection, and every refusal these tests provoke; a failure
     * reaches the test as an exception anyway.
     */
    private static final Logger VERTX_MQTT = quiet(Logger.getLogger("io.vertx.mqtt"));

    /** A message as it arrived. */
    record Received(String topic, String payload) {
    }

    private final MqttClient client;
    private final Map<Integer, CompletableFuture<Void>> pubacks = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<List<Integer>>> subacks = new ConcurrentHashMap<>();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    private MqttUser(MqttClient client) {
        this.client = client;
        client.publishCompletionHandler(id -> puback(id).complete(null));
        client.subscribeCompletionHandler(ack -> suback(ack.messageId()).complete(ack.grantedQoSLevels()));
        client.publishHandler(message -> received.add(
                new Received(message.topicName(), message.payload().toString(UTF_8))));
    }

    /** Connects over plain MQTT; {@code username} null for an anonymous client. */
    static MqttUser connect(int port, String clientId, String username, String password) {
        return connect(port, clientId, username, password, true, null);
    }

    /**
     * Connects, over TLS when {@code trustedCertificate} (PEM) is given, with a clean session or a persistent one;
     * throws {@link Refused} when the broker refuses the connection.
     */
    static MqttUser connect(int port, String clientId, String username, String password, boolean cleanSession,
                            Path trustedCertificate) {
        MqttClientOptions options = new MqttClientOptions().setClientId(clientId).setCleanSession(cleanSession)
                .setUsername(username).setPassword(password).setAutoKeepAlive(true);
        if (trustedCertificate != null) {
            options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                    .setTrustOptions(new PemTrustOptions().addCertPath(trustedCertificate.toString()));
        }
        MqttUser user = new MqttUser(MqttClient.create(VERTX, options));
        try {
            await(user.client.connect(port, "localhost"));
        } catch (AssertionError e) {
            throw new Refused(clientId + " as " + username + ": " + e.getMessage(), e.getCause());
        }
        return user;
    }

    /** Publishes at QoS 1 and returns once the broker has acknowledged (delivered or not). */
    MqttUser publish(String topic, String payload) {
        int id = await(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
        await(puback(id));
        pubacks.remove(id);
        return this;
    }

    /** Subscribes at QoS 1; the QoS the broker granted (128 for a refusal). */
    int subscribe(String filter) {
        int id = await(client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value()));
        List<Integer> granted = await(suback(id));
        subacks.remove(id);
        return granted.get(0);
    }

    /** Waits until {@code payload} has arrived. */
    void awaitPayload(String payload) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!hasReceived(payload)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message " + payload + " within " + TIMEOUT + "; received " + received);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    boolean hasReceived(String payload) {
        return received.stream().anyMatch(message -> message.payload().equals(payload));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            await(client.disconnect());
        }
    }

    private CompletableFuture<Void> puback(int id) {
        return pubacks.computeIfAbsent(id, i -> new CompletableFuture<>());
    }

    private CompletableFuture<List<Integer>> suback(int id) {
        return subacks.computeIfAbsent(id, i -> new CompletableFuture<>());
    }

    private static <T> T await(Future<T> future) {
        return await(future.toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from the broker within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** The broker refused the connection (or the TLS handshake failed). */
    static final class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
