package kz.aqkol.camera.event;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.db.TimedId;

/**
 * A detection as stored: the plate only as its keyed hash. Its identity is the message id together with the instant,
 * as the table's key (the table is partitioned by month of the instant).
 */
@Entity
@IdClass(TimedId.class)
public class DetectionEvent {

    @Id
    public UUID id;
    public String cameraId;
    @Id
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    public DetectionType type;
    public BigDecimal confidence;
    public String zoneId;
    public String plateHash;
    public String snapshotRef;
    public Instant receivedAt;
}
