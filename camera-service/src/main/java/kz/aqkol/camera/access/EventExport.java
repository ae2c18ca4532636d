package kz.aqkol.camera.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An export of snapshot references under a grant: a second person (an auditor) approves it; it then expires. */
@Entity
@Table(name = "event_export")
public class EventExport {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String DENIED = "DENIED";

    @Id
    public UUID id;
    @Column(name = "grant_id")
    public UUID grantId;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "window_from")
    public Instant windowFrom;
    @Column(name = "window_to")
    public Instant windowTo;
    public String status;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
