package kz.aqkol.metering.opendata;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.metering.consumption.ConsumptionService;
import kz.aqkol.metering.consumption.ZoneDay;
import kz.aqkol.platform.ngsi.NgsiEntity;
import kz.aqkol.platform.ngsi.NgsiQuery;
import kz.aqkol.platform.ngsi.NgsiSource;

/**
 * Zone consumption per village day as Smart Data Models {@code KeyPerformanceIndicator} entities, one per zone,
 * utility (and unit) and closed day, for the last days configured. Only zones where at least the configured number
 * of households (distinct accounts, default 5) had a meter of that utility that day are published; no meter, account
 * or reading appears. Figures come from {@link ConsumptionService} (the one way consumption is computed) and are
 * kept for a while, since every anonymous query would otherwise load every zoned meter's readings.
 */
@ApplicationScoped
public class ZoneConsumptionSource implements NgsiSource {

    static final String TYPE = "KeyPerformanceIndicator";

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
        return consumption.zoneDays(lastDay.minusDays(config.openData().days() - 1L), lastDay).map(days -> {
            List<NgsiEntity> entities = new ArrayList<>();
            for (ZoneDay day : days) {
                if (day.households() >= minHouseholds) {
                    entities.add(entity(day, minHouseholds));
                }
            }
            snapshot.set(new Snapshot(lastDay, now, List.copyOf(entities)));
            return entities;
        });
    }

    static NgsiEntity entity(ZoneDay day, int minHouseholds) {
        String utility = day.utility().name().toLowerCase(Locale.ROOT);
        String unit = day.unit().name().toLowerCase(Locale.ROOT);
        String localId = URLEncoder.encode(day.zone(), StandardCharsets.UTF_8).replace("+", "%20") + ":" + utility
                + "-" + unit + ":" + day.day();
        return NgsiEntity.of(TYPE, localId)
                .property("name", "Daily " + utility + " consumption of zone " + day.zone())
                .property("description", "Total " + utility + " consumption of the zone's meters over the village"
                        + " day " + day.day() + ", in " + unitName(day.unit()) + " (quality " + day.quality()
                        + "); published only for zones of at least " + minHouseholds + " households")
                .property("category", List.of("quantitative"))
                .property("kpiValue", day.total(), unitCode(day.unit()))
                .property("calculationPeriod", Map.of("from", day.day().toString(), "to", day.day().toString()))
                .property("calculationFrequency", "daily")
                .property("calculationMethod", "automatic")
                .property("area", day.zone())
                .property("product", utility);
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
