package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.meter.Utility;

/**
 * A zone's total of one utility (in one unit) over one village day or month ({@code first} to {@code last}, both
 * included), how much of it rests on estimation ({@code estimated}: intervals bridged across a gap or extrapolated)
 * and on doubtful data ({@code suspect}), and how many households (distinct accounts) had a meter in it.
 */
public record ZonePeriod(String zone, Utility utility, MeterUnit unit, LocalDate first, LocalDate last,
                         int households, BigDecimal total, BigDecimal estimated, BigDecimal suspect,
                         Quality quality) {

    /** Sums meters' day intervals into zone days, or into zone months; each account counted once per period. */
    static final class Folder {

        private final Granularity granularity;
        private final Map<String, Sum> sums = new TreeMap<>();

        /** @param granularity DAY or MONTH */
        Folder(Granularity granularity) {
            if (granularity != Granularity.DAY && granularity != Granularity.MONTH) {
                throw new IllegalArgumentException("zone periods are days or months, not " + granularity);
            }
            this.granularity = granularity;
        }

        void add(String zone, Utility utility, MeterUnit unit, LocalDate day, String account, BigDecimal amount,
                 Quality quality) {
            LocalDate first = granularity == Granularity.MONTH ? day.withDayOfMonth(1) : day;
            Sum sum = sums.computeIfAbsent(zone + "\u0000" + utility + "\u0000" + unit + "\u0000" + first,
                    k -> new Sum(zone, utility, unit, first));
            if (account != null) {
                sum.accounts.add(account);
            }
            sum.total = sum.total.add(amount);
            if (quality == Quality.ESTIMATED) {
                sum.estimated = sum.estimated.add(amount);
            } else if (quality == Quality.SUSPECT) {
                sum.suspect = sum.suspect.add(amount);
            }
            sum.quality = sum.quality.worst(quality);
        }

        List<ZonePeriod> periods() {
            List<ZonePeriod> periods = new ArrayList<>();
            for (Sum sum : sums.values()) {
                LocalDate last = granularity == Granularity.MONTH ? sum.first.plusMonths(1).minusDays(1) : sum.first;
                periods.add(new ZonePeriod(sum.zone, sum.utility, sum.unit, sum.first, last, sum.accounts.size(),
                        Decimals.shown(sum.total), Decimals.shown(sum.estimated), Decimals.shown(sum.suspect),
                        sum.quality));
            }
            return periods;
        }
    }

    private static final class Sum {
        final String zone;
        final Utility utility;
        final MeterUnit unit;
        final LocalDate first;
        final Set<String> accounts = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal estimated = BigDecimal.ZERO;
        BigDecimal suspect = BigDecimal.ZERO;
        Quality quality = Quality.MEASURED;

        Sum(String zone, Utility utility, MeterUnit unit, LocalDate first) {
            this.zone = zone;
            this.utility = utility;
            this.unit = unit;
            this.first = first;
        }
    }
}
