package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/** A register value at an instant: a raw reading, or an operator's edit (which wins over a raw one there). */
public record Point(Instant at, BigDecimal register, boolean edited) {
}
