package kz.aqkol.camera.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record GrantView(UUID id, String requestedBy, Purpose purpose, String caseRef, List<String> cameras,
                        String zone, Instant from, Instant to, Instant expiresAt, GrantStatus status, String reason,
                        String decidedBy, Instant decidedAt, String decisionNote, Instant createdAt) {

    public static GrantView of(AccessGrant g) {
        return new GrantView(g.id, g.requestedBy, g.purpose, g.caseRef, g.cameras(), g.zoneId, g.windowFrom,
                g.windowTo, g.expiresAt, g.status, g.reason, g.decidedBy, g.decidedAt, g.decisionNote, g.createdAt);
    }
}
