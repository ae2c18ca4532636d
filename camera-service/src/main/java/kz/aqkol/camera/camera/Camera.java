package kz.aqkol.camera.camera;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A camera and what its last heartbeat said. {@code streamUrl} is read only through an audited endpoint. */
@Entity
public class Camera {

    @Id
    public String id;
    public String name;
    public String location;
    public String zoneId;
    public String kind;
    public Double latitude;
    public Double longitude;
    public String streamUrl;
    /** Null until the first heartbeat. */
    public Boolean online;
    public boolean offlineAlerted;
    public Instant lastSeen;
    public String firmware;
    public Integer storageFreePct;
    public Instant createdAt;
}
