package kz.aqkol.camera.camera;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A camera to register. {@code kind}: e.g. FIXED, PTZ, ANPR. */
public record CameraRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String location,
        @NotNull String zone,
        @NotBlank @Size(max = 32) String kind,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Size(max = 512) String streamUrl) {
}
