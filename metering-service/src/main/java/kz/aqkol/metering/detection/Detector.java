package kz.aqkol.metering.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.aqkol.metering.consumption.Interval;
import kz.aqkol.metering.consumption.Quality;

/**
 * The detection rules, free of any framework. They read the 24 hourly intervals that end at the meter's last
 * reading (so a meter that reports late is judged on what it reported, not on hours it has not reached yet).
 */
public final class Detector {

    public static final int HOURS = 24;

    /**
     * The flags a meter sends on a reading that are conditions of their own, raised while its newest reading carries
     * the flag and resolved by the first reading without it. Any other flag (POWER_FAIL, a vendor's own) is stored
     * with the reading and shown, and raises nothing.
     */
    public static final Map<String, Condition> FLAG_CONDITIONS = Map.of(
            "BATTERY_LOW", Condition.BATTERY_LOW,
            "MAGNETIC_TAMPER", Condition.MAGNETIC_TAMPER,
            "REVERSE_FLOW", Condition.BACKFLOW,
            "VALVE_FAULT", Condition.VALVE_FAULT);

    /** Every condition judged from a meter's recent readings (all but SILENT, which is judged from their absence). */
    public static final Set<Condition> FROM_READINGS = Collections.unmodifiableSet(EnumSet.of(Condition.LEAK,
            Condition.TAMPER, Condition.BACKFLOW, Condition.REGISTER_RESET, Condition.SPIKE, Condition.BATTERY_LOW, Condition.MAGNETIC_TAMPER,
            Condition.VALVE_FAULT));

    private Detector() {
    }

    /**
     * The conditions that hold over the last 24 hours of readings.
     *
     * @param hours         the hourly intervals ending at the last reading, oldest first
     * @param leakApplies   whether the utility can leak (gas, water)
     * @param windowFlags   every flag on the readings of those 24 hours
     * @param newestFlags   the flags on the newest reading
     */
    public static Set<Condition> conditions(List<Interval> hours, boolean leakApplies, Set<String> windowFlags,
                                            Set<String> newestFlags) {
        Set<Condition> found = flowConditions(hours, leakApplies, windowFlags.contains("REVERSE_FLOW"));
        newestFlags.stream().map(FLAG_CONDITIONS::get).filter(Objects::nonNull).forEach(found::add);
        return found;
    }

    /**
     * The flow conditions that hold over the last 24 hours of readings.
     *
     * @param hours           the hourly intervals ending at the last reading, oldest first
     * @param leakApplies     whether the utility can leak (gas, water)
     * @param reverseReported whether the meter reported reverse flow in those hours: a register going backwards
     *                        is then backflow, not tampering
     */
    private static Set<Condition> flowConditions(List<Interval> hours, boolean leakApplies, boolean reverseReported) {
        Set<Condition> found = EnumSet.noneOf(Condition.class);
        for (Interval hour : hours) {
            if (hour.reasons().contains("BACKWARDS")) {
                found.add(reverseReported ? Condition.BACKFLOW : Condition.TAMPER);
            }
            if (hour.reasons().contains("REGISTER_RESET")) {
                found.add(Condition.REGISTER_RESET);
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
