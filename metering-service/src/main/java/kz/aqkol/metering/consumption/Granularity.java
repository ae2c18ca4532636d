package kz.aqkol.metering.consumption;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The interval sizes consumption is reported in; days and months follow the village's calendar (time zone). */
public enum Granularity {
    HOUR, DAY, MONTH;

    /** Most intervals one request may ask for. */
    public static final int MAX_INTERVALS = 10_000;

    /**
     * The boundaries from {@code from} to {@code to}: {@code from}, every calendar boundary in between, {@code to}.
     * A period that does not start on a boundary gets a shorter first interval (and likewise at its end).
     */
    public List<Instant> boundaries(Instant from, Instant to, ZoneId zone) {
        List<Instant> boundaries = new ArrayList<>();
        boundaries.add(from);
        ZonedDateTime next = next(floor(from.atZone(zone)));
        while (next.toInstant().isBefore(to)) {
            if (boundaries.size() > MAX_INTERVALS) {
                throw new IllegalArgumentException("more than " + MAX_INTERVALS + " intervals");
            }
            boundaries.add(next.toInstant());
            next = next(next);
        }
        boundaries.add(to);
        return boundaries;
    }

    private ZonedDateTime floor(ZonedDateTime t) {
        return switch (this) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    }

    private ZonedDateTime next(ZonedDateTime t) {
        return switch (this) {
            case HOUR -> t.plusHours(1);
            case DAY -> t.plusDays(1);
            case MONTH -> t.plusMonths(1);
        };
    }
}
