package kz.aqkol.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A meter's cumulative register as the meter shows it, published on {@code aqkol/v1/meters/{meterId}/readings}.
 * The meter id travels in the topic, never in the payload.
 */
public record MeterReading(UUID id, Instant occurredAt, BigDecimal register, MeterUnit unit, List<String> flags)
        implements AqkolMessage {

    public MeterReading {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.notNegative(register, "register");
        Check.required(unit, "unit");
        flags = Check.codes(flags, "flags", 16);
    }
}
