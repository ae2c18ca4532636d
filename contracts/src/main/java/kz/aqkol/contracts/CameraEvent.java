package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A detection, on {@code aqkol/v1/cameras/{cameraId}/events}. {@code plate} is personal data: only PLATE and VEHICLE
 * events may carry one, and the platform never stores it in clear.
 */
public record CameraEvent(UUID id, Instant occurredAt, DetectionType type, Double confidence, String zone,
                          String plate, String snapshotRef) implements AqkolMessage {

    public CameraEvent {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.required(type, "type");
        Check.between(confidence, 0.0, 1.0, "confidence");
        Check.optionalText(zone, "zone", 64);
        Check.optionalText(plate, "plate", 16);
        if (plate != null && type != DetectionType.PLATE && type != DetectionType.VEHICLE) {
            throw new ContractViolation("plate", "is allowed only for PLATE and VEHICLE events");
        }
        Check.optionalText(snapshotRef, "snapshotRef", 512);
    }
}
