package kz.aqkol.camera.access;

import java.time.Instant;
import java.util.UUID;

public record ExportView(UUID id, UUID grant, String requestedBy, Instant from, Instant to, String status,
                         String decidedBy, Instant decidedAt, Instant expiresAt, Instant createdAt) {

    public static ExportView of(EventExport e) {
        return new ExportView(e.id, e.grantId, e.requestedBy, e.windowFrom, e.windowTo, e.status, e.decidedBy,
                e.decidedAt, e.expiresAt, e.createdAt);
    }
}
