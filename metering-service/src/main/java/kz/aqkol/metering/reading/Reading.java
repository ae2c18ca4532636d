package kz.aqkol.metering.reading;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.platform.db.TimedId;

/**
 * A raw register reading, stored as the meter sent it and never changed. Bulk ingest writes this table directly
 * ({@link ReadingStore}); the entity serves queries and the few readings the registry writes itself (a meter's
 * first and final register). Its identity is the message id together with the instant, as the table's key (the
 * table is partitioned by month of the instant).
 */
@Entity
@IdClass(TimedId.class)
public class Reading {

    @Id
    public UUID id;
    public String meterId;
    @Id
    public Instant occurredAt;
    public BigDecimal register;
    /** Comma-separated device flags, e.g. POWER_FAIL; null when none. */
    public String flags;
    public Instant receivedAt;

    public static Reading of(String meterId, Instant at, BigDecimal register, String flags, Instant receivedAt) {
        Reading reading = new Reading();
        reading.id = UUID.randomUUID();
        reading.meterId = meterId;
        reading.occurredAt = at;
        reading.register = register;
        reading.flags = flags;
        reading.receivedAt = receivedAt;
        return reading;
    }
}
