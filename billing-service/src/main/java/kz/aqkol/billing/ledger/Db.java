package kz.aqkol.billing.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small conversions for the reactive PostgreSQL client (it speaks OffsetDateTime for timestamptz). */
public final class Db {

    private Db() {
    }

    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
