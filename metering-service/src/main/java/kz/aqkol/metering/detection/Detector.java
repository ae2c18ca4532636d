package kz.aqkol.metering.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kz.aqkol.metering.consumption.Interval;
import kz.aqkol.metering.consumption.Quality;

/**
 * The detection rules, free of any framework. They read the 24 hourly intervals that end at the meter's last
 * reading (so a meter that reports late is judged on what it reported, not on hours it has not reached yet).
 */
public final class Detector {

    public static final int HOURS = 24;

    private Detector() {
    }

    /**
     * The flow conditions that hold over the last 24 hours of readings.
     *
     * @param hours         the hourly intervals ending at the last reading, oldest first
     * @param leakApplies   whether the utility can leak (gas, water)
     */
    public static Set<Condition> flowConditions(List<Interval> hours, boolean leakApplies) {
        Set<Condition> found = EnumSet.noneOf(Condition.class);
        for (Interval hour : hours) {
            if (hour.reasons().contains("BACKWARDS")) {
                found.add(Condition.TAMPER);
            }
            if (hour.reasons().contains("ABOVE_MAX_FLOW")) {
                found.add(Condition.SPIKE);
            }
        }
        if (leakApplies && hours.size() == HOURS && hours.stream().allMatch(Detector::flowed)) {
            found.add(Condition.LEAK);
        }
        return found;
    }

    /** Whether a meter last heard from at {@code lastReading} (null: never) has been silent too long. */
    public static boolean silent(Instant lastReading, Instant installedAt, Instant now, Duration allowed) {
        Instant since = lastReading != null ? lastReading : installedAt;
        return Duration.between(since, now).compareTo(allowed) > 0;
    }

    /** An hour with flow we can vouch for: known from readings (not assumed), and above zero. */
    private static boolean flowed(Interval hour) {
        boolean known = hour.quality() == Quality.MEASURED || hour.quality() == Quality.EDITED
                || "LINEAR_INTERPOLATION".equals(hour.method());
        return known && hour.consumption().signum() > 0;
    }
}
