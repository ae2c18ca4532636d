package kz.aqkol.alert.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.TraceContext;

/**
 * A raise or a resolve of a condition, however it arrived (MQTT from a service, or Alertmanager's API from
 * Prometheus). {@code id} makes it idempotent: the same signal taken in twice changes nothing.
 *
 * <p>{@code endsAt} is Alertmanager's: a raise that carries it holds only until then unless raised again (Prometheus
 * re-sends firing alerts with a later {@code endsAt}; if it stops, the alert resolves by itself). A resolve that
 * carries it is such a lapse ({@link #lapsed}), and resolves only an alert not raised again meanwhile. Services'
 * MQTT alerts have none: they hold until resolved.
 *
 * <p>{@code traceparent} is the trace the signal arrived in (the intake's span for its message), or null: the alert
 * it opens or resolves keeps it, and so do the notifications about that alert.
 */
public record Signal(UUID id, Instant occurredAt, String source, String type, Severity severity, String subject,
                     String summary, Map<String, String> labels, boolean resolved, String generatorUrl,
                     Instant endsAt, String traceparent) {

    /** A signal in no trace. */
    public Signal(UUID id, Instant occurredAt, String source, String type, Severity severity, String subject,
                  String summary, Map<String, String> labels, boolean resolved, String generatorUrl, Instant endsAt) {
        this(id, occurredAt, source, type, severity, subject, summary, labels, resolved, generatorUrl, endsAt, null);
    }

    /** A service's alert message, taken in within the trace {@code trace} names (none if null). */
    public static Signal of(AlertRaised message, TraceContext trace) {
        return new Signal(message.id(), message.occurredAt(), message.source(), message.type(), message.severity(),
                message.subject(), message.summary(), message.labels(), message.resolved(), null, null,
                trace == null ? null : trace.traceparent());
    }

    /** The resolve of an open alert whose {@code endsAt} has passed without the sender raising it again. */
    static Signal lapsed(Alert alert) {
        UUID id = UUID.nameUUIDFromBytes(("lapsed:" + alert.id + ":" + alert.endsAt)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Signal(id, alert.endsAt, alert.source, alert.type, alert.severity, alert.subject, alert.summary,
                alert.labels, true, alert.generatorUrl, alert.endsAt);
    }

    public String fingerprint() {
        return Fingerprint.of(source, type, subject);
    }
}
