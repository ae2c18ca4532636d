package kz.aqkol.camera.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
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
@Table(name = "access_grant")
public class AccessGrant {

    @Id
    public UUID id;
    @Column(name = "requested_by")
    public String requestedBy;
    @Enumerated(EnumType.STRING)
    public Purpose purpose;
    @Column(name = "case_ref")
    public String caseRef;
    /** Comma-separated camera ids (camera ids cannot contain a comma), or null for a zone grant. */
    @Column(name = "camera_ids")
    public String cameraIds;
    @Column(name = "zone_id")
    public String zoneId;
    @Column(name = "window_from")
    public Instant windowFrom;
    @Column(name = "window_to")
    public Instant windowTo;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Enumerated(EnumType.STRING)
    public GrantStatus status;
    public String reason;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(name = "created_at")
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
