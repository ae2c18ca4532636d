package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How quantities are shown: at most 6 decimals, no trailing zeros, never in exponent notation. */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal shown(BigDecimal value) {
        BigDecimal rounded = value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
