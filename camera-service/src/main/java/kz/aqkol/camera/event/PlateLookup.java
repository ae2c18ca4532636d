package kz.aqkol.camera.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** A plate to look for under a grant: sent in a body, never in a URL (which servers and proxies log). */
public record PlateLookup(@NotNull UUID grant, @NotBlank @Size(max = 16) String plate) {
}
