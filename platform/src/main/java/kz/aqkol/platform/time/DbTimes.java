package kz.aqkol.platform.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps to and from the database. Hibernate Reactive native queries and the Vert.x PostgreSQL client hand a
 * {@code timestamptz} back as an {@link OffsetDateTime}, {@link Instant} or {@link Timestamp} depending on the path,
 * and a {@code timestamp} as a {@link LocalDateTime} (read as UTC, the platform's only zone); every service reads
 * them through {@link #instant(Object)} and binds parameters through {@link #at(Instant)}.
 */
public final class DbTimes {

    private DbTimes() {
    }

    /** The instant a database value stands for; {@code null} for SQL NULL. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** An instant as the reactive PostgreSQL client binds a {@code timestamptz}: in UTC; {@code null} stays null. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
