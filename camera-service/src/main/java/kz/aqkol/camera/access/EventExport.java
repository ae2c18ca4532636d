package kz.aqkol.camera.access;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** An export of snapshot references under a grant: a second person (an auditor) approves it; it then expires. */
@Entity
public class EventExport {

    /** What an export can be; stored as its name. */
    public enum Status { PENDING, APPROVED, DENIED }

    public static final String PENDING = Status.PENDING.name();
    public static final String APPROVED = Status.APPROVED.name();
    public static final String DENIED = Status.DENIED.name();

    @Id
    public UUID id;
    public UUID grantId;
    public String requestedBy;
    public Instant windowFrom;
    public Instant windowTo;
    public String status;
    public String decidedBy;
    public Instant decidedAt;
    public Instant expiresAt;
    public Instant createdAt;
}
