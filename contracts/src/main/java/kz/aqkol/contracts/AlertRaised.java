package kz.aqkol.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Any service to alert-service, on its own topic {@code aqkol/v1/alerts/<service>}. {@code source}, {@code type} and
 * {@code subject} identify the condition (alert-service derives the fingerprint from them); {@code resolved=true}
 * says it has cleared. {@code source} must name the sender: the service of the topic, or the caller over REST.
 */
public record AlertRaised(UUID id, Instant occurredAt, String source, String type, Severity severity, String subject,
                          String summary, Map<String, String> labels, Boolean resolved) implements AqkolMessage {

    public AlertRaised {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(source, "source");
        Check.code(type, "type");
        Check.required(severity, "severity");
        Check.text(subject, "subject", 200);
        Check.text(summary, "summary", 1000);
        labels = Check.labels(labels, "labels");
        resolved = resolved != null && resolved;
    }
}
