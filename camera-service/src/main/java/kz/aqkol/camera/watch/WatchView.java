package kz.aqkol.camera.watch;

import java.time.Instant;
import java.util.UUID;

/** A watch-list entry without its plate or hash. */
public record WatchView(UUID id, String caseRef, String note, String addedBy, Instant addedAt, String removedBy,
                        Instant removedAt) {

    static WatchView of(WatchEntry e) {
        return new WatchView(e.id, e.caseRef, e.note, e.addedBy, e.addedAt, e.removedBy, e.removedAt);
    }
}
