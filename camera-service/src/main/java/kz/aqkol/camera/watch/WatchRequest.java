package kz.aqkol.camera.watch;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * A plate to watch for under the caller's approved INVESTIGATION grant, until {@code expiresAt} (optional: the
 * longest allowed). The plate is hashed on arrival and never stored, logged or returned.
 */
public record WatchRequest(@NotNull UUID grant,
                           @NotBlank @Size(max = 16) String plate,
                           Instant expiresAt,
                           @Size(max = 500) String note) {
}
