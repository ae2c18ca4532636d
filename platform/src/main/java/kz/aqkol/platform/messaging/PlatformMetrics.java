package kz.aqkol.platform.messaging;

/**
 * The names of the metrics the services expose through the platform, in one place (Micrometer's dotted form; the
 * Prometheus names, with {@code _total} on counters and {@code _seconds} on timers, are the rows of the table in
 * docs/operations.md, which each service's IT checks against what it exposes).
 */
public final class PlatformMetrics {

    /** Counter, by {@code channel}: MQTT messages whose effect was committed. */
    public static final String MESSAGES_HANDLED = "aqkol.messages.handled";
    /** Counter, by {@code channel}: messages refused and sent to the dead-letter topic. */
    public static final String MESSAGES_DEAD_LETTERED = "aqkol.messages.dead.lettered";
    /** Summary, by {@code channel}: messages committed per transaction. */
    public static final String INTAKE_BATCH_SIZE = "aqkol.intake.batch.size";
    /** Timer, by {@code channel}: time to commit one batch, retries included. */
    public static final String INTAKE_COMMIT = "aqkol.intake.commit";
    /** Timer, by {@code channel}: from a message's occurredAt to its effect committed. */
    public static final String INTAKE_LAG = "aqkol.intake.lag";
    /** Gauge, by {@code channel}: messages received and not yet committed. */
    public static final String INTAKE_PENDING = "aqkol.intake.pending";
    /** Counter: messages the broker delivered. */
    public static final String MQTT_RECEIVED = "aqkol.mqtt.received";
    /** Counter: PUBACKs sent. */
    public static final String MQTT_ACKNOWLEDGED = "aqkol.mqtt.acknowledged";
    /** Counter: messages committed after their connection was lost. */
    public static final String MQTT_UNACKNOWLEDGED = "aqkol.mqtt.unacknowledged";
    /** Counter: messages relayed from the outbox to the broker. */
    public static final String OUTBOX_PUBLISHED = "aqkol.outbox.published";
    /** Gauge: outbox messages not yet published, as of the relay's last pass. */
    public static final String OUTBOX_PENDING = "aqkol.outbox.pending";
    /**
     * Counter, by {@code kind} (whose webhooks: alert-service's {@code receiver}, billing's {@code resident}) and
     * {@code outcome}: webhook delivery attempts whose outcome was recorded: {@code delivered}, {@code failed}
     * (retried), {@code refused} (target not allowed; retried), {@code gave_up} (no more attempts).
     */
    public static final String WEBHOOK_DELIVERIES = "aqkol.webhook.deliveries";
    /** Timer, by {@code kind}: from a webhook's creation to its delivery. */
    public static final String WEBHOOK_DELIVERY_LATENCY = "aqkol.webhook.delivery.latency";

    private PlatformMetrics() {
    }
}
