package kz.aqkol.camera.camera;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;

/**
 * A zone. The name is optional, as the camera contract agreed: without one it is the zone's id.
 * {@code restrictedFrom}/{@code restrictedUntil} (local village time, both or neither, RESTRICTED zones only) set the
 * hours in which a PERSON raises INTRUSION; without them the service's configured hours apply.
 */
public record ZoneRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String id,
                          @NotBlank @Size(max = 200) String name, @NotNull PrivacyClass privacyClass,
                          LocalTime restrictedFrom, LocalTime restrictedUntil) {

    public ZoneRequest {
        if (name == null) {
            name = id;
        }
    }
}
