package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a service could not accept, on {@code aqkol/v1/dlq/<service>}: the original topic and payload, and why.
 * {@code payload} is the original text when it was UTF-8, otherwise {@code payloadBase64} carries the bytes.
 * {@code field} names the offending field when one was to blame.
 */
public record DeadLetter(UUID id, Instant occurredAt, String service, String topic, String reason, String field,
                         String payload, String payloadBase64) implements AqkolMessage {

    public DeadLetter {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(service, "service");
        Check.text(topic, "topic", 1024);
        Check.text(reason, "reason", 2000);
    }
}
