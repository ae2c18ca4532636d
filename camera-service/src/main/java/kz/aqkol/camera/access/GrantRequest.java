package kz.aqkol.camera.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A dispatcher's request: cameras or a zone (at least one), a footage window, an expiry, and why. */
public record GrantRequest(
        @NotNull Purpose purpose,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/._-]{0,63}") String caseRef,
        @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String> cameras,
        @Size(max = 64) String zone,
        @NotNull Instant from,
        @NotNull Instant to,
        @NotNull Instant expiresAt,
        @Size(max = 1000) String reason) {
}
