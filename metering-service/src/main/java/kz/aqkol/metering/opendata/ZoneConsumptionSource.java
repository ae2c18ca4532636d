package kz.aqkol.metering.opendata;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.metering.consumption.ConsumptionService;
import kz.aqkol.metering.consumption.Granularity;
import kz.aqkol.metering.consumption.Quality;
import kz.aqkol.metering.consumption.ZonePeriod;
import kz.aqkol.platform.ngsi.NgsiEntity;
import kz.aqkol.platform.ngsi.NgsiQuery;
import kz.aqkol.platform.ngsi.NgsiSource;

/**
 * Zone consumption per village day and per village month as Smart Data Models {@code KeyPerformanceIndicator}
 * entities, one per zone, utility (and unit) and closed day or month, for the last days and months configured. Only
 * zones where at least the configured number of households (distinct accounts, default 5) had a meter of that utility
 * in the day or month are published; no meter, account or reading appears. Each says how much of it was estimated. Figures come from {@link ConsumptionService} (the one way consumption is computed) and are
 * kept for a while, since every anonymous query would otherwise load every zoned meter's readings.
 */
@ApplicationScoped
public class ZoneConsumptionSource implements NgsiSource {

    static final String TYPE = "KeyPerformanceIndicator";
    /** The suffix of the id of a period's part that was not measured. */
    static final String NOT_MEASURED = "not-measured";

    private final ConsumptionService consumption;
    private final MeteringConfig config;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    ZoneConsumptionSource(ConsumptionService consumption, MeteringConfig config, Clock clock) {
        this.consumption = consumption;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<List<NgsiEntity>> entities(NgsiQuery query) {
        return published().map(all -> {
            List<NgsiEntity> wanted = all.stream().filter(e -> query.wants(e.id())).toList();
            int from = Math.min(query.offset(), wanted.size());
            return wanted.subList(from, Math.min(wanted.size(), from + query.rows()));
        });
    }

    @Override
    public Uni<NgsiEntity> entity(String id) {
        return published().map(all -> all.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null));
    }

    private Uni<List<NgsiEntity>> published() {
        Instant now = Instant.now(clock);
        LocalDate lastDay = LocalDate.ofInstant(now, config.timeZone()).minusDays(1);
        Snapshot kept = snapshot.get();
        if (kept != null && kept.lastDay.equals(lastDay) && now.isBefore(kept.takenAt.plus(
                config.openData().refreshEvery()))) {
            return Uni.createFrom().item(kept.entities);
        }
        int minHouseholds = config.openData().minHouseholds();
        LocalDate firstDay = lastDay.minusDays(config.openData().days() - 1L);
        YearMonth lastMonth = YearMonth.from(lastDay.plusDays(1)).minusMonths(1); // the last one closed by lastDay
        int months = config.openData().months();
        LocalDate firstMonthDay = lastMonth.minusMonths(Math.max(months, 1) - 1L).atDay(1);
        LocalDate first = months > 0 && firstMonthDay.isBefore(firstDay) ? firstMonthDay : firstDay;
        return consumption.zonePeriods(null, first, lastDay, months > 0 ? List.of(Granularity.DAY,
                Granularity.MONTH) : List.of(Granularity.DAY)).map(periods -> {
            List<NgsiEntity> entities = new ArrayList<>();
            for (ZonePeriod day : periods.get(Granularity.DAY)) {
                if (!day.first().isBefore(firstDay) && day.households() >= minHouseholds && known(day)) {
                    entities.add(entity(day, Granularity.DAY, minHouseholds));
                    entities.add(notMeasured(day, Granularity.DAY, minHouseholds));
                }
            }
            for (ZonePeriod month : periods.getOrDefault(Granularity.MONTH, List.of())) {
                if (!month.first().isBefore(firstMonthDay) && !month.last().isAfter(lastMonth.atEndOfMonth())
                        && month.households() >= minHouseholds && known(month)) {
                    entities.add(entity(month, Granularity.MONTH, minHouseholds));
                    entities.add(notMeasured(month, Granularity.MONTH, minHouseholds));
                }
            }
            snapshot.set(new Snapshot(lastDay, now, List.copyOf(entities)));
            return entities;
        });
    }

    /**
     * Whether anything is known of the period: a zero that is not measured is a period before the zone's meters'
     * first readings (nothing to publish), not a zone that used nothing.
     */
    private static boolean known(ZonePeriod period) {
        return period.total().signum() != 0 || period.quality() == Quality.MEASURED
                || period.quality() == Quality.EDITED;
    }

    /** One zone day or month as a KPI: its id ends in the day ({@code 2026-11-30}) or the month ({@code 2026-11}). */
    static NgsiEntity entity(ZonePeriod period, Granularity granularity, int minHouseholds) {
        String utility = period.utility().name().toLowerCase(Locale.ROOT);
        return kpi(period, granularity, localId(period, granularity),
                (granularity == Granularity.MONTH ? "Monthly " : "Daily ") + utility + " consumption of zone "
                        + period.zone(),
                "Total " + utility + " consumption of the zone's meters over the village " + over(period, granularity)
                        + " (quality " + period.quality() + "; of it " + period.estimated().toPlainString()
                        + " estimated and " + period.suspect().toPlainString() + " suspect); published only for"
                        + " zones of at least " + minHouseholds + " households",
                period.total());
    }

    /**
     * The part of a zone day or month that was not measured, as a KPI of its own (the data model has no attribute
     * for a value's quality): what rests on estimation (readings too far apart, or extrapolated past the last one)
     * or on doubtful readings. Its id is the total's with {@code :not-measured} appended.
     */
    static NgsiEntity notMeasured(ZonePeriod period, Granularity granularity, int minHouseholds) {
        String utility = period.utility().name().toLowerCase(Locale.ROOT);
        return kpi(period, granularity, localId(period, granularity) + ":" + NOT_MEASURED,
                "Estimated or doubtful part of the " + (granularity == Granularity.MONTH ? "monthly " : "daily ")
                        + utility + " consumption of zone " + period.zone(),
                "Of the zone's " + utility + " consumption over the village " + over(period, granularity)
                        + ", what rests on estimation (" + period.estimated().toPlainString()
                        + ") or on doubtful readings (" + period.suspect().toPlainString() + "); published only for"
                        + " zones of at least " + minHouseholds + " households",
                period.estimated().add(period.suspect()));
    }

    private static NgsiEntity kpi(ZonePeriod period, Granularity granularity, String localId, String name,
                                  String description, java.math.BigDecimal value) {
        return NgsiEntity.of(TYPE, localId)
                .property("name", name)
                .property("description", description)
                .property("category", List.of("quantitative"))
                .property("kpiValue", value, unitCode(period.unit()))
                .property("calculationPeriod", Map.of("from", period.first().toString(), "to",
                        period.last().toString()))
                .property("calculationFrequency", granularity == Granularity.MONTH ? "monthly" : "daily")
                .property("calculationMethod", "automatic")
                .property("area", period.zone())
                .property("product", period.utility().name().toLowerCase(Locale.ROOT));
    }

    /** "month 2026-11, in m3", "day 2026-11-30, in m3". */
    private static String over(ZonePeriod period, Granularity granularity) {
        return (granularity == Granularity.MONTH ? "month " : "day ") + when(period, granularity) + ", in "
                + unitName(period.unit());
    }

    private static String when(ZonePeriod period, Granularity granularity) {
        return granularity == Granularity.MONTH ? YearMonth.from(period.first()).toString()
                : period.first().toString();
    }

    private static String localId(ZonePeriod period, Granularity granularity) {
        return URLEncoder.encode(period.zone(), StandardCharsets.UTF_8).replace("+", "%20") + ":"
                + period.utility().name().toLowerCase(Locale.ROOT) + "-"
                + period.unit().name().toLowerCase(Locale.ROOT) + ":" + when(period, granularity);
    }

    /** UN/CEFACT common codes, as NGSI-LD's unitCode wants them. */
    private static String unitCode(MeterUnit unit) {
        return switch (unit) {
            case M3 -> "MTQ";
            case KWH -> "KWH";
            case GCAL -> null; // no common code for the gigacalorie: the unit is in the description
        };
    }

    private static String unitName(MeterUnit unit) {
        return switch (unit) {
            case M3 -> "m3";
            case KWH -> "kWh";
            case GCAL -> "Gcal";
        };
    }

    private record Snapshot(LocalDate lastDay, Instant takenAt, List<NgsiEntity> entities) {
    }
}
