package kz.aqkol.camera.retention;

import java.time.Instant;
import java.util.UUID;

public record RetentionChangeView(UUID id, String privacyClass, String eventType, int fromDays, int toDays,
                                  String status, String requestedBy, Instant requestedAt, String decidedBy,
                                  Instant decidedAt) {

    static RetentionChangeView of(RetentionChange c) {
        return new RetentionChangeView(c.id, c.privacyClass, c.eventType, c.fromDays, c.toDays, c.status,
                c.requestedBy, c.requestedAt, c.decidedBy, c.decidedAt);
    }
}
