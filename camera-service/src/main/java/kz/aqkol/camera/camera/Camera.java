package kz.aqkol.camera.camera;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A camera and what its last heartbeat said. {@code streamUrl} is read only through an audited endpoint. */
@Entity
@Table(name = "camera")
public class Camera {

    @Id
    public String id;
    public String name;
    public String location;
    @Column(name = "zone_id")
    public String zoneId;
    public String kind;
    public Double latitude;
    public Double longitude;
    @Column(name = "stream_url")
    public String streamUrl;
    /** Null until the first heartbeat. */
    public Boolean online;
    @Column(name = "offline_alerted")
    public boolean offlineAlerted;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public String firmware;
    @Column(name = "storage_free_pct")
    public Integer storageFreePct;
    @Column(name = "created_at")
    public Instant createdAt;
}
