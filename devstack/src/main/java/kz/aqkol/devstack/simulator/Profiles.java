package kz.aqkol.devstack.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.Random;
import kz.aqkol.devstack.simulator.Village.Utility;

/**
 * A household's daily rhythm, per utility, for an average household (size 1) in one hour of local time: gas for
 * cooking only (the houses are heated by the district network), so no gas flows at night; water in the morning and
 * evening, none from midnight to 5; electricity all day with a base load and two peaks; heat following the outdoor
 * temperature during the heating season (from 15 October to 15 April). These profiles keep the village quiet for
 * metering's detectors: only a real leak has flow in every hour of a day.
 */
public final class Profiles {

    /** The heating season of northern Kazakhstan: the district network heats from this day... */
    static final MonthDay HEATING_FROM = MonthDay.of(10, 15);
    /** ...until this one. */
    static final MonthDay HEATING_UNTIL = MonthDay.of(4, 15);

    private Profiles() {
    }

    /** The mean use of an average household in the hour starting at {@code hour}, without noise, in the unit. */
    public static double mean(Utility utility, LocalDateTime hour) {
        int h = hour.getHour();
        boolean weekend = hour.getDayOfWeek() == DayOfWeek.SATURDAY || hour.getDayOfWeek() == DayOfWeek.SUNDAY;
        return switch (utility) {
            // ~1.4 m3 on a weekday: breakfast, lunch (weekends), dinner
            case GAS -> switch (h) {
                case 7, 8 -> 0.25;
                case 13 -> weekend ? 0.3 : 0.0;
                case 18, 19 -> 0.35;
                case 20 -> 0.2;
                default -> 0.0;
            };
            // ~0.45 m3 a day
            case WATER -> h < 5 ? 0.0 : switch (h) {
                case 6, 7, 8 -> 0.05;
                case 19, 20, 21 -> 0.06;
                case 22, 23 -> 0.02;
                default -> weekend ? 0.02 : 0.01;
            };
            // ~8 kWh a day
            case ELECTRICITY -> 0.15 + switch (h) {
                case 7, 8 -> 0.45;
                case 18, 19, 20, 21, 22 -> 0.8;
                case 12, 13, 14 -> weekend ? 0.4 : 0.1;
                default -> 0.05;
            };
            case HEAT -> heating(hour.toLocalDate()) ? 0.00012 * Math.max(0, 18 - temperature(hour)) : 0.0;
        };
    }

    /**
     * One household's use in a step of {@code hours} hours starting at {@code hour}: the mean scaled by the
     * household's size, with ±30 % noise; hours with little use are sometimes skipped altogether (nobody home).
     */
    public static double sample(Utility utility, LocalDateTime hour, double hours, double size, Random random) {
        double mean = mean(utility, hour) * hours * size;
        if (mean == 0) {
            return 0;
        }
        if (utility != Utility.HEAT && utility != Utility.ELECTRICITY && random.nextDouble() < 0.2) {
            return 0;
        }
        return mean * (0.7 + 0.6 * random.nextDouble());
    }

    /**
     * The outdoor temperature in °C: a seasonal curve (about +8 on 1 October, -2 on 1 November, -10 on
     * 1 December) and a daily one (coldest at 3 in the morning).
     */
    public static double temperature(LocalDateTime hour) {
        double dayOfYear = hour.getDayOfYear();
        double seasonal = 3 - 19 * Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.0);
        double daily = -3 * Math.cos(2 * Math.PI * (hour.getHour() - 3) / 24.0);
        return seasonal + daily;
    }

    static boolean heating(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isBefore(HEATING_FROM) || md.isBefore(HEATING_UNTIL);
    }
}
