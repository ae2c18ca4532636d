package kz.aqkol.metering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

@ConfigMapping(prefix = "aqkol.metering")
public interface MeteringConfig {

    /** How far in the future a reading's occurredAt may lie (meter clocks drift) before it is refused. */
    @WithDefault("5m")
    Duration clockSkew();

    /** The village's calendar: days and months of consumption begin at its midnight. */
    ZoneId timeZone();

    /** Readings at most this far apart make MEASURED intervals. */
    Duration measuredGap();

    /** Readings at most this far apart may be estimated across (ESTIMATED); further apart is SUSPECT. */
    Duration estimableGap();

    /** How often the detectors, the corrections check and the valve timeouts run. */
    Duration detectEvery();

    /** A meter with no reading for longer than this is SILENT. */
    @WithDefault("6h")
    Duration silence();

    /** An unanswered valve command raises an alert after this long. */
    @WithDefault("10m")
    Duration valveAnswerTimeout();

    /** The highest credible flow per hour, by utility (gas, water, electricity, heat), in the meter's unit. */
    Map<String, BigDecimal> maxFlowPerHour();

    /**
     * How long raw readings are kept: a month's partition is dropped once it ended this long ago, and a reading
     * older than this is refused (dead-lettered) rather than stored to be dropped.
     */
    @WithDefault("P3653D")
    Duration readingsRetention();

    /** The monthly partitions of readings (docs/architecture.md, "Storage"). */
    Partitions partitions();

    interface Partitions {

        /** How many months after the current one have their partition made ahead of time. */
        @WithDefault("3")
        int ahead();

        /** How often partitions are made ahead and expired ones dropped (also once at start). */
        @WithDefault("6h")
        Duration every();
    }

    /** What the open-data endpoint publishes of zone consumption (see ZoneConsumptionSource). */
    OpenData openData();

    interface OpenData {

        /**
         * A zone's consumption of a utility on a day is published only when at least this many households (distinct
         * accounts) had a meter of that utility there that day: below it, a figure would tell one family's habits.
         */
        @WithDefault("5")
        int minHouseholds();

        /** How many closed village days are published, ending yesterday. */
        @WithDefault("31")
        int days();

        /** How many closed village months are published, ending with the last closed one (0: none). */
        @WithDefault("3")
        int months();

        /** How long computed figures are served before they are computed again (late readings, corrections). */
        @WithDefault("10m")
        Duration refreshEvery();
    }
}
