package kz.aqkol.camera.access;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** An export of snapshot references under a grant: a second person (an auditor) approves it; it then expires. */
@Entity
public class EventExport {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String DENIED = "DENIED";

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
