package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/** A camera's heartbeat, on {@code aqkol/v1/cameras/{cameraId}/status}. */
public record CameraStatus(UUID id, Instant occurredAt, Boolean online, String firmware, Integer storageFreePct)
        implements AqkolMessage {

    public CameraStatus {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.required(online, "online");
        Check.optionalText(firmware, "firmware", 64);
        Check.optionalBetween(storageFreePct, 0, 100, "storageFreePct");
    }
}
