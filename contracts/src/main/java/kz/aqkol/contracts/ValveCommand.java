package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/** Platform to meter, on {@code aqkol/v1/meters/{meterId}/commands}. */
public record ValveCommand(UUID id, Instant occurredAt, ValveAction command, String reason) implements AqkolMessage {

    public ValveCommand {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.required(command, "command");
        Check.text(reason, "reason", 500);
    }
}
