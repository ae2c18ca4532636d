package kz.aqkol.metering.meter;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Instant;

/** Taking a meter out of service at {@code at} with its final register. */
public record DecommissionRequest(@NotNull Instant at, @NotNull @PositiveOrZero BigDecimal finalRegister) {
}
