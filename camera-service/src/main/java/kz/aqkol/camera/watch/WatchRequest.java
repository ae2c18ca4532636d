package kz.aqkol.camera.watch;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The plate is hashed on arrival and never stored, logged or returned. */
public record WatchRequest(@NotBlank @Size(max = 16) String plate,
                           @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/._-]{0,63}") String caseRef,
                           @Size(max = 500) String note) {
}
