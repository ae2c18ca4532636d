package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Gas energy from volume: kWh = m3 x (MJ/m3 in force that day) / 3.6. */
public final class CalorificValues {

    private static final BigDecimal MJ_PER_KWH = new BigDecimal("3.6");

    private final NavigableMap<LocalDate, BigDecimal> byDay = new TreeMap<>();

    public CalorificValues(List<CalorificValue> versions) {
        versions.forEach(v -> byDay.put(v.effectiveFrom, v.mjPerM3));
    }

    /** The value in force on {@code day}; null if none was in force yet. */
    public BigDecimal on(LocalDate day) {
        var entry = byDay.floorEntry(day);
        return entry == null ? null : entry.getValue();
    }

    public BigDecimal kilowattHours(BigDecimal cubicMetres, LocalDate day) {
        BigDecimal value = on(day);
        if (value == null) {
            throw new IllegalStateException("no calorific value in force on " + day);
        }
        return cubicMetres.multiply(value).divide(MJ_PER_KWH, 6, RoundingMode.HALF_EVEN);
    }
}
