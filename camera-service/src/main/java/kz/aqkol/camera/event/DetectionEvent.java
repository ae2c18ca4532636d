package kz.aqkol.camera.event;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.DetectionType;

/** A detection as stored: the plate only as its keyed hash. */
@Entity
public class DetectionEvent {

    @Id
    public UUID id;
    public String cameraId;
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    public DetectionType type;
    public BigDecimal confidence;
    public String zoneId;
    public String plateHash;
    public String snapshotRef;
    public Instant receivedAt;
}
