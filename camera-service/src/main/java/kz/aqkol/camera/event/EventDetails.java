package kz.aqkol.camera.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.DetectionType;

/**
 * An event as a grant's holder sees it: with its snapshot reference. The plate itself was never stored; whether
 * one was recorded is shown, and a plate can be looked up only by supplying it.
 */
public record EventDetails(UUID id, String camera, String zone, DetectionType type, Instant occurredAt,
                           BigDecimal confidence, String snapshotRef, boolean plateRecorded, Instant receivedAt) {
    static EventDetails of(DetectionEvent e) {
        return new EventDetails(e.id, e.cameraId, e.zoneId, e.type, e.occurredAt, e.confidence, e.snapshotRef,
                e.plateHash != null, e.receivedAt);
    }
}
