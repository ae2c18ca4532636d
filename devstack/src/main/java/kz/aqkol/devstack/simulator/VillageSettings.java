package kz.aqkol.devstack.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * What the simulator makes: a village of {@code households} (each with gas, water, electricity and heat meters) and
 * {@code cameras}, living from {@code from} to {@code to} in steps of {@code readingEvery}, in the village's time
 * zone (days begin at its midnight, as metering-service counts them). Everything random is drawn from {@code seed}.
 */
public record VillageSettings(long seed, int households, int cameras, Instant from, Instant to,
                              Duration readingEvery, ZoneId zone) {

    /** The village's time zone, metering-service's default ({@code aqkol.metering.time-zone}). */
    public static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    public VillageSettings {
        if (households < 1 || households > 9_999) {
            throw new IllegalArgumentException("households must be 1 to 9999, got " + households);
        }
        if (cameras < 1 || cameras > 999) {
            throw new IllegalArgumentException("cameras must be 1 to 999, got " + cameras);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must lie before to");
        }
        if (readingEvery.compareTo(Duration.ofMinutes(1)) < 0 || readingEvery.compareTo(Duration.ofHours(2)) > 0) {
            throw new IllegalArgumentException("readingEvery must be 1 min to 2 h (metering's measured gap)");
        }
    }

    /**
     * The demo's span: from the first midnight of last month up to the last full hour before now. Last month is
     * what the bill run bills; the readings go on until now so that no meter looks silent when the demo ends
     * (metering-service judges silence by the wall clock). All timestamps lie in the past: ingest takes them as late
     * readings, and the whole span is sent in minutes.
     */
    public static VillageSettings lastMonthUntilNow(long seed, int households, int cameras, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ALMATY));
        YearMonth billed = YearMonth.from(today).minusMonths(1);
        Instant from = billed.atDay(1).atStartOfDay(ALMATY).toInstant();
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS);
        return new VillageSettings(seed, households, cameras, from, to, Duration.ofHours(1), ALMATY);
    }

    /** The calendar month the demo bills: the month {@code from} lies in. */
    public YearMonth billedMonth() {
        return YearMonth.from(from.atZone(zone));
    }
}
