package kz.aqkol.camera.camera;

import java.time.Instant;

/**
 * A camera as operators see it (with its stream) and as others see it (without). {@code status}: UNKNOWN until the
 * first heartbeat, OFFLINE while an OFFLINE alert is open or the last heartbeat said so, else ONLINE.
 */
public record CameraView(String id, String name, String location, String zone, String kind, Double latitude,
                         Double longitude, String streamUrl, String status,
                         Boolean online, Instant lastSeen, String firmware, Integer storageFreePct) {

    public static CameraView of(Camera c, boolean withStream) {
        return new CameraView(c.id, c.name, c.location, c.zoneId, c.kind, c.latitude, c.longitude,
                withStream ? c.streamUrl : null, status(c), c.online,
                c.lastSeen, c.firmware, c.storageFreePct);
    }

    static String status(Camera c) {
        if (c.offlineAlerted || Boolean.FALSE.equals(c.online)) {
            return "OFFLINE";
        }
        return c.online == null ? "UNKNOWN" : "ONLINE";
    }
}
