package kz.aqkol.camera.camera;

import java.time.Instant;

/** A camera as operators see it (with its stream) and as others see it (without). */
public record CameraView(String id, String name, String location, String zone, String kind, Double latitude,
                         Double longitude, String streamUrl,
                         Boolean online, Instant lastSeen, String firmware, Integer storageFreePct) {

    public static CameraView of(Camera c, boolean withStream) {
        return new CameraView(c.id, c.name, c.location, c.zoneId, c.kind, c.latitude, c.longitude,
                withStream ? c.streamUrl : null, c.online,
                c.lastSeen, c.firmware, c.storageFreePct);
    }
}
