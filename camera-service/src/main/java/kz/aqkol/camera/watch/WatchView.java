package kz.aqkol.camera.watch;

import java.time.Instant;
import java.util.UUID;

/** A watch-list entry without its plate or hash. */
public record WatchView(UUID id, UUID grant, String caseRef, String note, String addedBy, Instant addedAt,
                        Instant expiresAt, String removedBy, Instant removedAt) {

    static WatchView of(WatchEntry e) {
        return new WatchView(e.id, e.grantId, e.caseRef, e.note, e.addedBy, e.addedAt, e.expiresAt, e.removedBy,
                e.removedAt);
    }
}
