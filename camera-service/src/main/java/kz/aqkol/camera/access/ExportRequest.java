package kz.aqkol.camera.access;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Snapshot references to export under a grant; from/to narrow its footage window (optional). */
public record ExportRequest(@NotNull UUID grant, Instant from, Instant to) {
}
