package kz.aqkol.alert.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;

/**
 * A raise or a resolve of a condition, however it arrived (MQTT from a service, or Alertmanager's API from
 * Prometheus). {@code id} makes it idempotent: the same signal taken in twice changes nothing.
 */
public record Signal(UUID id, Instant occurredAt, String source, String type, Severity severity, String subject,
                     String summary, Map<String, String> labels, boolean resolved, String generatorUrl) {

    public static Signal of(AlertRaised message) {
        return new Signal(message.id(), message.occurredAt(), message.source(), message.type(), message.severity(),
                message.subject(), message.summary(), message.labels(), message.resolved(), null);
    }

    public String fingerprint() {
        return Fingerprint.of(source, type, subject);
    }
}
