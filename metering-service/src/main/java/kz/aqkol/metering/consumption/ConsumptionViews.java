package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.meter.Utility;

/** What the consumption endpoints answer. Quantities are in {@code unit}, multiplier applied. */
public final class ConsumptionViews {

    private ConsumptionViews() {
    }

    public record IntervalView(Instant start, Instant end, BigDecimal consumption, Quality quality, String method,
                               Set<String> reasons) {

        static IntervalView of(Interval i, BigDecimal consumption) {
            return new IntervalView(i.start(), i.end(), Decimals.shown(consumption), i.quality(), i.method(),
                    i.reasons().isEmpty() ? null : i.reasons());
        }
    }

    /** One meter over a period, interval by interval. */
    public record MeterConsumption(String meterId, Utility utility, MeterUnit unit, Instant from, Instant to,
                                   BigDecimal total, Quality quality, List<IntervalView> intervals) {
    }

    /** A register value at the edge of a period and how it was obtained. */
    public record RegisterView(Instant at, BigDecimal value, Quality quality) {

        static RegisterView of(ConsumptionSeries.Register register) {
            return register == null ? null
                    : new RegisterView(register.at(), Decimals.shown(register.value()), register.quality());
        }
    }

    /**
     * One meter over a billing period: where its register stood at the start and at the end, the consumption in
     * between, and how far it can be trusted. {@code from}/{@code to} are the period clipped to the meter's life.
     */
    public record MeterPeriod(String meterId, String accountNumber, Utility utility, MeterUnit unit, Instant from,
                              Instant to, RegisterView startRegister, RegisterView endRegister, BigDecimal consumption,
                              Quality quality, String method, Set<String> reasons, BigDecimal energyKwh) {
    }

    /** A zone's total for one utility. */
    public record ZoneConsumption(String zone, Utility utility, MeterUnit unit, Instant from, Instant to,
                                  int meters, BigDecimal total, Quality quality) {
    }
}
