package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Consumption over [start, end) in the meter's unit (multiplier applied), with its quality, the estimation method
 * when estimated (LINEAR_INTERPOLATION across a gap, AVERAGE_RATE past the last reading), and the reasons when
 * suspect (BACKWARDS, ABOVE_MAX_FLOW, GAP_TOO_LONG).
 */
public record Interval(Instant start, Instant end, BigDecimal consumption, Quality quality, String method,
                       Set<String> reasons) {
}
