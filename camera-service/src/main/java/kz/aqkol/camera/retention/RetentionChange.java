package kz.aqkol.camera.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A change to how long one class of events is kept. Raising it applies at once; lowering it destroys records, so it
 * waits until an auditor who is not the requester approves it.
 */
@Entity
@Table(name = "retention_change")
public class RetentionChange {

    public static final String PENDING = "PENDING";
    public static final String APPLIED = "APPLIED";
    public static final String DENIED = "DENIED";

    @Id
    public UUID id;
    @Column(name = "privacy_class")
    public String privacyClass;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "from_days")
    public int fromDays;
    @Column(name = "to_days")
    public int toDays;
    public String status;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;

    String policy() {
        return privacyClass + "/" + eventType;
    }

    String describe() {
        return policy() + ": " + fromDays + " -> " + toDays + " days";
    }
}
