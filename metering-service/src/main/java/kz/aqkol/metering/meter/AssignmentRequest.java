package kz.aqkol.metering.meter;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The meter belongs to {@code accountNumber} from {@code from} on (null: to no account): a first assignment, a move
 * to another account, or the end of one. {@code from} may lie in the past, but not before the meter's last change.
 */
public record AssignmentRequest(
        @Pattern(regexp = MeterRequest.ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String accountNumber,
        @NotNull Instant from,
        @NotBlank @Size(max = 500) String reason) {
}
