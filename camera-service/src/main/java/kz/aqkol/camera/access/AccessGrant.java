package kz.aqkol.camera.access;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Purpose-bound, time-limited access to the details of events: which cameras (or one zone), which footage window,
 * until when, for which case. Only the person who requested it may use it.
 */
@Entity
public class AccessGrant {

    @Id
    public UUID id;
    public String requestedBy;
    @Enumerated(EnumType.STRING)
    public Purpose purpose;
    public String caseRef;
    /** Comma-separated camera ids (camera ids cannot contain a comma), or null for a zone grant. */
    public String cameraIds;
    public String zoneId;
    public Instant windowFrom;
    public Instant windowTo;
    public Instant expiresAt;
    @Enumerated(EnumType.STRING)
    public GrantStatus status;
    public String reason;
    public String decidedBy;
    public Instant decidedAt;
    public String decisionNote;
    public Instant createdAt;

    public List<String> cameras() {
        return cameraIds == null ? List.of() : Arrays.asList(cameraIds.split(","));
    }

    /** Whether an event of this camera and zone at that instant lies within the grant's scope. */
    public boolean covers(String camera, String zone, Instant occurredAt) {
        boolean place = cameras().contains(camera) || zoneId != null && zoneId.equals(zone);
        return place && !occurredAt.isBefore(windowFrom) && occurredAt.isBefore(windowTo);
    }

    /**
     * Why {@code who} may not use this grant at {@code now}, or null if they may. An INCIDENT grant whose window
     * reaches back further than {@code incidentLookback} before it was made is unusable, whenever it was made.
     */
    public String unusableBy(String who, Instant now, Duration incidentLookback) {
        if (!requestedBy.equals(who)) {
            return "grant " + id + " is not yours";
        }
        if (status != GrantStatus.ACTIVE) {
            return "grant " + id + " is " + status;
        }
        if (!now.isBefore(expiresAt)) {
            return "grant " + id + " expired at " + expiresAt;
        }
        if (purpose == Purpose.INCIDENT && IncidentRules.reachesTooFar(windowFrom, createdAt, incidentLookback)) {
            return "grant " + id + " reaches back further than the " + incidentLookback + " an INCIDENT grant may";
        }
        return null;
    }

    /** Whether an auditor who is not the requester approved it (an INCIDENT grant is active without approval). */
    public boolean approvedByAnother() {
        return status == GrantStatus.ACTIVE && decidedBy != null && !decidedBy.equals(requestedBy);
    }
}
