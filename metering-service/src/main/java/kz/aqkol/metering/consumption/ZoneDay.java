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

/** A zone's total of one utility (in one unit) over one village day, and how many households it sums. */
public record ZoneDay(String zone, Utility utility, MeterUnit unit, LocalDate day, int households, BigDecimal total,
                      Quality quality) {

    /** Sums meters' day intervals into zone days, counting each account once. */
    static final class Folder {

        private final Map<String, Sum> sums = new TreeMap<>();

        void add(String zone, Utility utility, MeterUnit unit, LocalDate day, String account, BigDecimal amount,
                 Quality quality) {
            Sum sum = sums.computeIfAbsent(zone + "\u0000" + utility + "\u0000" + unit + "\u0000" + day,
                    k -> new Sum(zone, utility, unit, day));
            if (account != null) {
                sum.accounts.add(account);
            }
            sum.total = sum.total.add(amount);
            sum.quality = sum.quality.worst(quality);
        }

        List<ZoneDay> days() {
            List<ZoneDay> days = new ArrayList<>();
            for (Sum sum : sums.values()) {
                days.add(new ZoneDay(sum.zone, sum.utility, sum.unit, sum.day, sum.accounts.size(),
                        Decimals.shown(sum.total), sum.quality));
            }
            return days;
        }
    }

    private static final class Sum {
        final String zone;
        final Utility utility;
        final MeterUnit unit;
        final LocalDate day;
        final Set<String> accounts = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        Quality quality = Quality.MEASURED;

        Sum(String zone, Utility utility, MeterUnit unit, LocalDate day) {
            this.zone = zone;
            this.utility = utility;
            this.unit = unit;
            this.day = day;
        }
    }
}
