package kz.aqkol.alert.notify;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps as native queries hand them back. */
final class Times {

    private Times() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
