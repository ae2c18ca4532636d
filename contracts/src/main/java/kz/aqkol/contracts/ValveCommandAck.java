package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/** Meter to platform, on {@code aqkol/v1/meters/{meterId}/commands/ack}: the outcome of one {@link ValveCommand}. */
public record ValveCommandAck(UUID id, Instant occurredAt, UUID commandId, CommandResult result, ValveState valve)
        implements AqkolMessage {

    public ValveCommandAck {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.required(commandId, "commandId");
        Check.required(result, "result");
        Check.required(valve, "valve");
    }
}
