package kz.aqkol.camera.camera;

import java.time.Instant;

/**
 * A camera, without its live stream (read at {@code /cameras/{id}/stream}, audited). {@code status}: UNKNOWN until
 * the first heartbeat, OFFLINE while an OFFLINE alert is open or the last heartbeat said so, else ONLINE.
 */
public record CameraView(String id, String name, String location, String zone, String kind, Double latitude,
                         Double longitude, boolean hasStream, String status,
                         Boolean online, Instant lastSeen, String firmware, Integer storageFreePct) {

    public static CameraView of(Camera c) {
        return new CameraView(c.id, c.name, c.location, c.zoneId, c.kind, c.latitude, c.longitude,
                c.streamUrl != null, status(c), c.online, c.lastSeen, c.firmware, c.storageFreePct);
    }

    static String status(Camera c) {
        if (c.offlineAlerted || Boolean.FALSE.equals(c.online)) {
            return "OFFLINE";
        }
        return c.online == null ? "UNKNOWN" : "ONLINE";
    }
}
