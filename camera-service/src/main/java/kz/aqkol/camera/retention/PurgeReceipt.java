package kz.aqkol.camera.retention;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What one purge removed: per event type, the time range of what went, how many expired events a hold kept, and
 * what became of their snapshots at the recorder ({@code snapshots}: how many DELETED, ABSENT there, PENDING; each
 * one at {@code GET /retention/receipts/{id}/snapshots}).
 */
public record PurgeReceipt(UUID id, Instant ranAt, String trigger, long purged, long held, Instant oldest,
                           Instant newest, Map<String, Long> counts, String policy, Long auditSeq,
                           Map<String, Long> snapshots) {
}
