package kz.aqkol.metering.meter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Swapping a meter: the old one's {@code finalRegister} at {@code at} closes it, and {@code newMeter} starts at the
 * same instant from its {@code initialRegister} (0 if not given), inheriting the zone and account if not given.
 */
public record ReplacementRequest(@NotNull Instant at, @NotNull @PositiveOrZero BigDecimal finalRegister,
                                 @NotNull @Valid MeterRequest newMeter) {
}
