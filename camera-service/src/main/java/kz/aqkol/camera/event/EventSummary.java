package kz.aqkol.camera.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.DetectionType;

/** An event as a search shows it: no plate, no snapshot reference. */
public record EventSummary(UUID id, String camera, String zone, DetectionType type, Instant occurredAt,
                           BigDecimal confidence) {
}
