package kz.aqkol.camera.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.DetectionType;

/** A detection as stored: the plate only as its keyed hash. */
@Entity
@Table(name = "detection_event")
public class DetectionEvent {

    @Id
    public UUID id;
    @Column(name = "camera_id")
    public String cameraId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    public DetectionType type;
    public BigDecimal confidence;
    @Column(name = "zone_id")
    public String zoneId;
    @Column(name = "plate_hash")
    public String plateHash;
    @Column(name = "snapshot_ref")
    public String snapshotRef;
    @Column(name = "received_at")
    public Instant receivedAt;
}
