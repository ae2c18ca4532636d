package kz.aqkol.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.aqkol.contracts.Topics;
import org.jboss.logging.Logger;

/**
 * The service's one MQTT connection for everything it consumes, with a persistent session (QoS 1) and a shared
 * subscription per intake. It is the platform's own rather than the messaging connector's because of what a crash
 * must not lose:
 * <ul>
 * <li>Acknowledgement is manual: the PUBACK goes out when the intake says the effect is committed.</li>
 * <li>The message handler is in place before the connection is made. On reconnecting to a persistent session the
 * broker sends what it kept at once; a consumer that is not yet listening drops those messages unacknowledged,
 * where they block the broker's in-flight window until the next reconnect (measured: the connector stalled after
 * a restart with 13,000 readings queued).</li>
 * <li>After a reconnect, acknowledgements of messages from the old connection are not sent: the broker
 * redelivers them, and the intakes are idempotent.</li>
 * </ul>
 * It connects once every intake is registered (a late start-up observer) and reconnects by itself.
 */
@ApplicationScoped
public class MqttSubscriber {

    private static final Logger LOG = Logger.getLogger(MqttSubscriber.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final MqttConfig config;
    private final DeadLetters deadLetters;
    private final Counter received;
    private final Counter acknowledged;
    private final Counter notAcknowledged;
    private final List<MqttIntake<?>> intakes = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> granted = new LinkedHashMap<>();
    private MqttClient client;
    private Context context;
    private volatile long connection;
    private volatile boolean stopping;
    private Duration nextDelay;

    MqttSubscriber(Vertx vertx, MqttConfig config, DeadLetters deadLetters, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.deadLetters = deadLetters;
        this.received = Counter.builder(PlatformMetrics.MQTT_RECEIVED).description("Messages the broker delivered")
                .register(registry);
        this.acknowledged = Counter.builder(PlatformMetrics.MQTT_ACKNOWLEDGED)
                .description("PUBACKs sent, each after its message's effect committed").register(registry);
        this.notAcknowledged = Counter.builder(PlatformMetrics.MQTT_UNACKNOWLEDGED)
                .description("Messages committed after their connection was lost: the broker redelivers them")
                .register(registry);
        this.nextDelay = config.reconnectDelay();
    }

    void register(MqttIntake<?> intake) {
        intakes.add(intake);
        if (client != null) {
            context.runOnContext(v -> subscribe(List.of(intake)));
        }
    }

    /** The largest remaining length of an MQTT 3.1.1 packet (§2.2.3). */
    static final int MAX_PACKET_BYTES = 268_435_455;

    /** Connects after every intake has registered (they register in start-up observers that run earlier). */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) StartupEvent event) {
        context = vertx.getOrCreateContext();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(config.clientId())
                .setCleanSession(false)
                .setAutoKeepAlive(true)
                .setKeepAliveInterval((int) config.keepAlive().toSeconds())
                // Any size MQTT allows, so that an oversized payload reaches the intake and is dead-lettered. Not
                // -1: Vert.x then keeps Netty's default of 8,092 bytes, and a larger message breaks the connection
                // on every redelivery, wedging the persistent session for good. The broker bounds what it accepts.
                .setMaxMessageSize(MAX_PACKET_BYTES);
        options.setAutoAck(false);
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        context.runOnContext(v -> {
            client = MqttClient.create(vertx, options);
            client.publishHandler(this::deliver);
            client.closeHandler(closed -> lost());
            connect();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }

    /** Ready when connected with every subscription granted; what the readiness check reports. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        boolean connected = client != null && client.isConnected();
        for (MqttIntake<?> intake : intakes) {
            Boolean ok = granted.get(intake.channel());
            status.put(intake.channel(), !connected ? "DISCONNECTED" : Boolean.TRUE.equals(ok) ? "SUBSCRIBED"
                    : ok == null ? "SUBSCRIBING" : "REFUSED");
        }
        return status;
    }

    public boolean isReady() {
        return !intakes.isEmpty() && status().values().stream().allMatch("SUBSCRIBED"::equals);
    }

    /** Whether an acknowledgement for a message of connection {@code number} may still be sent. */
    boolean isCurrent(long number) {
        return number == connection && client != null && client.isConnected();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        client.connect(config.port(), config.host()).onComplete(result -> {
            if (result.succeeded()) {
                connection++;
                nextDelay = config.reconnectDelay();
                LOG.infof("MQTT connected to %s:%d as %s (session %s)", config.host(), config.port(),
                        config.clientId(), result.result().isSessionPresent() ? "resumed" : "new");
                granted.clear();
                subscribe(intakes);
            } else {
                LOG.warnf("MQTT connection to %s:%d failed: %s; retrying in %s", config.host(), config.port(),
                        result.cause().getMessage(), nextDelay);
                retry();
            }
        });
    }

    private void subscribe(List<MqttIntake<?>> which) {
        for (MqttIntake<?> intake : which) {
            String filter = Topics.shared(config.shareGroup(), intake.topicFilter());
            client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value()).onComplete(result -> {
                granted.put(intake.channel(), result.succeeded());
                if (result.failed()) {
                    LOG.errorf("Subscription to %s failed: %s", filter, result.cause().getMessage());
                }
            });
        }
    }

    private void lost() {
        granted.clear();
        if (stopping) {
            return;
        }
        LOG.warnf("MQTT connection to %s:%d lost; reconnecting in %s", config.host(), config.port(), nextDelay);
        retry();
    }

    private void retry() {
        Duration delay = nextDelay;
        nextDelay = delay.multipliedBy(2).compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY
                : delay.multipliedBy(2);
        vertx.setTimer(delay.toMillis(), timer -> context.runOnContext(v -> connect()));
    }

    private void deliver(MqttPublishMessage message) {
        received.increment();
        long number = connection;
        for (MqttIntake<?> intake : intakes) {
            if (Topics.matches(intake.topicFilter(), message.topicName())) {
                intake.accept(message, number);
                return;
            }
        }
        // kept for us by a persistent session from a version that consumed it; nobody here does
        Rejected unrouted = new Rejected(message.topicName(), message.payload().getBytes(), null,
                "no consumer for this topic");
        FreshContext.run(context, () -> deadLetters.record("unrouted", List.of(unrouted)))
                .subscribe().with(done -> acknowledge(message, number),
                        failure -> LOG.warnf("Message on %s has no consumer and could not be dead-lettered: %s",
                                message.topicName(), failure.toString()));
    }

    void acknowledge(MqttPublishMessage message, long number) {
        if (message.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (!isCurrent(number)) {
            notAcknowledged.increment();
            return;
        }
        try {
            message.ack();
            acknowledged.increment();
        } catch (RuntimeException e) {
            // the connection dropped just now: the broker redelivers the message
            notAcknowledged.increment();
            LOG.debugf("PUBACK for message %d not sent: %s", message.messageId(), e.toString());
        }
    }
}
