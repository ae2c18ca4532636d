package kz.aqkol.metering.meter;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import kz.aqkol.contracts.MeterUnit;

/**
 * A meter to register. {@code multiplier} defaults to 1, {@code hasValve} to false, {@code installedAt} to now;
 * {@code initialRegister}, when given, is recorded as the meter's first reading at {@code installedAt}.
 */
public record MeterRequest(
        @NotNull @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
        @NotNull Utility utility,
        @NotNull MeterUnit unit,
        @NotNull @Min(1) @Max(12) Integer registerDigits,
        @DecimalMin(value = "0", inclusive = false) BigDecimal multiplier,
        Boolean hasValve,
        @Size(max = 64) String zone,
        @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'") String accountNumber,
        Instant installedAt,
        @PositiveOrZero BigDecimal initialRegister) {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
}
