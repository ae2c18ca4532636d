package kz.aqkol.camera.retention;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * A change to how long one class of events is kept. Raising it applies at once; lowering it destroys records, so it
 * waits until an auditor who is not the requester approves it.
 */
@Entity
public class RetentionChange {

    public static final String PENDING = "PENDING";
    public static final String APPLIED = "APPLIED";
    public static final String DENIED = "DENIED";

    @Id
    public UUID id;
    public String privacyClass;
    public String eventType;
    public int fromDays;
    public int toDays;
    public String status;
    public String requestedBy;
    public Instant requestedAt;
    public String decidedBy;
    public Instant decidedAt;

    String policy() {
        return privacyClass + "/" + eventType;
    }

    String describe() {
        return policy() + ": " + fromDays + " -> " + toDays + " days";
    }
}
