package kz.aqkol.camera.retention;

import java.time.Instant;

public record PolicyView(String privacyClass, String eventType, int days, Instant changedAt, String changedBy) {
}
