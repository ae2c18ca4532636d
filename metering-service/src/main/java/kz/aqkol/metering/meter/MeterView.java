package kz.aqkol.metering.meter;

import java.math.BigDecimal;
import java.time.Instant;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.ValveState;

/** A meter as the API shows it: the registered fields, its life span, and its last reported valve position. */
public record MeterView(String id, Utility utility, MeterUnit unit, int registerDigits, BigDecimal multiplier,
                        boolean hasValve, String zone, String accountNumber, Instant installedAt,
                        Instant decommissionedAt, String replaces, ValveState valve) {

    public static MeterView of(Meter m) {
        return new MeterView(m.id, m.utility, m.unit, m.registerDigits, m.multiplier.stripTrailingZeros(), m.hasValve,
                m.zone, m.accountNumber, m.installedAt, m.decommissionedAt, m.replaces, m.valve);
    }
}
