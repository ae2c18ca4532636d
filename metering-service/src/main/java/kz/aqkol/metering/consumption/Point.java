package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A register value at an instant: a raw reading, or an operator's edit (which wins over a raw one there).
 * {@code reset}: the register was reset to zero before this value, so it counts from zero (the meter said so with its
 * RESET flag, or an operator's edit did).
 */
public record Point(Instant at, BigDecimal register, boolean edited, boolean reset) {

    /** The flag a meter sends on its first reading after its register was reset. */
    public static final String RESET_FLAG = "RESET";

    public Point(Instant at, BigDecimal register, boolean edited) {
        this(at, register, edited, false);
    }
}
