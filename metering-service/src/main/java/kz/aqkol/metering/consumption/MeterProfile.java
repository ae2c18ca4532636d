package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What the calculation needs to know of a meter and its utility: where the register wraps (10^digits), the
 * multiplier, when it was active, the highest credible flow per hour, and the gaps that are still measured
 * ({@code measuredGap}) or may be estimated across ({@code estimableGap}).
 */
public record MeterProfile(BigDecimal wrap, BigDecimal multiplier, Instant installedAt, Instant decommissionedAt,
                           BigDecimal maxFlowPerHour, Duration measuredGap, Duration estimableGap) {
}
