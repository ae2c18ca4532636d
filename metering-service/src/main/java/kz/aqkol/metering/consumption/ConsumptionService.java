package kz.aqkol.metering.consumption;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.FlushMode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.metering.meter.MeterAssignments;
import java.util.List;
import java.util.Map;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.metering.consumption.ConsumptionViews.IntervalView;
import kz.aqkol.metering.consumption.ConsumptionViews.MeterConsumption;
import kz.aqkol.metering.consumption.ConsumptionViews.MeterPeriod;
import kz.aqkol.metering.consumption.ConsumptionViews.RegisterView;
import kz.aqkol.metering.consumption.ConsumptionViews.ZoneConsumption;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.metering.meter.MeterRepository;
import kz.aqkol.metering.meter.Utility;

/**
 * Consumption for people and for billing: per meter in intervals, per zone in total, and per meter over a billing
 * period with the registers at its edges. Gas can be given in kWh (energy) using the calorific value in force on
 * each interval's first day. When billing (role service) asks for a period, what it was told is remembered, so a
 * later change to that period becomes a correction.
 */
@ApplicationScoped
public class ConsumptionService {

    private final MeterRepository meters;
    private final MeterAssignments assignments;
    private final SeriesLoader series;
    private final MeteringConfig config;
    private final Clock clock;

    ConsumptionService(MeterRepository meters, MeterAssignments assignments, SeriesLoader series,
                       MeteringConfig config, Clock clock) {
        this.meters = meters;
        this.assignments = assignments;
        this.series = series;
        this.config = config;
        this.clock = clock;
    }

    @WithSession
    public Uni<MeterConsumption> ofMeter(Meter meter, Instant from, Instant to, Granularity granularity,
                                         boolean energy) {
        List<Instant> boundaries = granularity.boundaries(from, to, config.timeZone());
        return energyTable(energy && meter.utility == Utility.GAS)
                .chain(values -> series.load(meter, from, to).map(s -> {
                    List<IntervalView> intervals = new ArrayList<>();
                    BigDecimal total = BigDecimal.ZERO;
                    Quality quality = Quality.MEASURED;
                    for (Interval interval : s.intervals(boundaries)) {
                        BigDecimal amount = values == null ? interval.consumption()
                                : values.kilowattHours(interval.consumption(), day(interval.start()));
                        intervals.add(IntervalView.of(interval, amount));
                        total = total.add(amount);
                        quality = quality.worst(interval.quality());
                    }
                    return new MeterConsumption(meter.id, meter.utility, values == null ? meter.unit : MeterUnit.KWH,
                            from, to, Decimals.shown(total), quality, intervals);
                }));
    }

    /** Totals of a zone's meters over a period, one per utility and unit. */
    @WithSession
    public Uni<List<ZoneConsumption>> ofZone(String zone, Utility utility, Instant from, Instant to) {
        return meters.inZone(zone, utility).chain(inZone -> Multi.createFrom().iterable(inZone)
                .onItem().transformToUniAndConcatenate(meter -> series.load(meter, from, to)
                        .map(s -> Map.entry(meter, s.interval(from, to))))
                .collect().asList()
                .map(results -> {
                    Map<String, ZoneConsumption> totals = new LinkedHashMap<>();
                    for (var result : results) {
                        Meter meter = result.getKey();
                        Interval interval = result.getValue();
                        totals.merge(meter.utility + "/" + meter.unit,
                                new ZoneConsumption(zone, meter.utility, meter.unit, from, to, 1,
                                        interval.consumption(), interval.quality()),
                                (a, b) -> new ZoneConsumption(zone, a.utility(), a.unit(), from, to,
                                        a.meters() + 1, a.total().add(b.total()), a.quality().worst(b.quality())));
                    }
                    return totals.values().stream()
                            .map(z -> new ZoneConsumption(z.zone(), z.utility(), z.unit(), from, to, z.meters(),
                                    Decimals.shown(z.total()), z.quality()))
                            .sorted(Comparator.comparing(ZoneConsumption::utility))
                            .toList();
                }));
    }

    /**
     * Every zone's consumption (or one zone's, if {@code zone} is not null) per utility, unit and village day over
     * [firstDay, lastDay], folded into each of {@code granularities} (DAY, MONTH), with how much of it was estimated
     * and how many households (distinct accounts) had a meter in it in the period. Days of a meter outside its life
     * do not count. The meters' series are loaded once, whatever the granularities.
     */
    @WithSession
    public Uni<Map<Granularity, List<ZonePeriod>>> zonePeriods(String zone, LocalDate firstDay, LocalDate lastDay,
                                                             List<Granularity> granularities) {
        Instant from = firstDay.atStartOfDay(config.timeZone()).toInstant();
        Instant to = lastDay.plusDays(1).atStartOfDay(config.timeZone()).toInstant();
        List<Instant> boundaries = Granularity.DAY.boundaries(from, to, config.timeZone());
        return commitOnly().chain(() -> meters.zonedBetween(from, to))
                .map(zoned -> zone == null ? zoned : zoned.stream().filter(m -> zone.equals(m.zone)).toList())
                .chain(zoned -> Multi.createFrom().iterable(zoned)
                        .onItem().transformToUniAndConcatenate(meter -> series.load(meter, from, to)
                                .map(s -> Map.entry(meter, s.intervals(boundaries))))
                        .collect().asList()
                        .map(results -> {
                            Map<Granularity, List<ZonePeriod>> folded = new EnumMap<>(Granularity.class);
                            for (Granularity granularity : granularities) {
                                ZonePeriod.Folder periods = new ZonePeriod.Folder(granularity);
                                for (var result : results) {
                                    Meter meter = result.getKey();
                                    for (Interval interval : result.getValue()) {
                                        if (meter.installedAt.isBefore(interval.end())
                                                && (meter.decommissionedAt == null
                                                || meter.decommissionedAt.isAfter(interval.start()))) {
                                            periods.add(meter.zone, meter.utility, meter.unit,
                                                    day(interval.start()), meter.accountNumber,
                                                    interval.consumption(), interval.quality());
                                        }
                                    }
                                }
                                folded.put(granularity, periods.periods());
                            }
                            return folded;
                        }));
    }

    /**
     * Billing's view of a period for many meters: each meter named over the whole period (its account: the one it
     * belonged to at the start), and for each account named, every meter it held during the period over the part it
     * held it (a meter moved mid-period appears for both accounts, each with its part; a replaced meter and its
     * successor both appear). With {@code remember}, what was answered is kept for corrections.
     */
    @WithTransaction
    public Uni<List<MeterPeriod>> forPeriod(List<String> meterIds, List<String> accounts, Instant from, Instant to,
                                            boolean remember) {
        return commitOnly().chain(() -> assignments.ofAccounts(accounts, from, to)).chain(held -> assignments.histories(meterIds)
                .chain(histories -> {
                    Set<String> ids = new LinkedHashSet<>(meterIds);
                    ids.addAll(held.keySet());
                    return meters.forBilling(ids, from, to).map(found -> windows(found, meterIds, held, histories,
                            from, to));
                }))
                .chain(windows -> energyTable(true).chain(values -> Multi.createFrom().iterable(windows)
                        .onItem().transformToUniAndConcatenate(w -> period(w.meter(), w.from(), w.to(), w.account(),
                                values))
                        .collect().asList()))
                .call(periods -> remember ? remember(periods) : Uni.createFrom().voidItem());
    }

    /**
     * No flush before each query: nothing here changes an entity, and with hundreds of meters in the session every
     * automatic flush (two per meter) would walk them all again, quadratic in the meters asked for.
     */
    private static Uni<Void> commitOnly() {
        return Panache.getSession().invoke(session -> session.setFlushMode(FlushMode.COMMIT)).replaceWithVoid();
    }

    /** One meter over part of a period, for one account (or none). */
    private record Window(Meter meter, Instant from, Instant to, String account) {
    }

    private static List<Window> windows(List<Meter> found, List<String> named,
                                        Map<String, List<MeterAssignmentChanged.Assignment>> held,
                                        Map<String, List<MeterAssignmentChanged.Assignment>> histories,
                                        Instant from, Instant to) {
        Set<String> wanted = Set.copyOf(named);
        List<Window> windows = new ArrayList<>();
        for (Meter meter : found) {
            if (wanted.contains(meter.id)) {
                Instant start = from.isBefore(meter.installedAt) ? meter.installedAt : from;
                windows.add(new Window(meter, from, to,
                        MeterAssignments.ownerAt(histories.getOrDefault(meter.id, List.of()), start)));
            }
        }
        for (Meter meter : found) {
            for (MeterAssignmentChanged.Assignment a : held.getOrDefault(meter.id, List.of())) {
                Window w = new Window(meter, a.from().isAfter(from) ? a.from() : from,
                        a.to() != null && a.to().isBefore(to) ? a.to() : to, a.accountNumber());
                if (windows.stream().noneMatch(x -> x.meter() == meter && x.from().equals(w.from())
                        && x.to().equals(w.to()))) {
                    windows.add(w);
                }
            }
        }
        return windows;
    }

    /** The consumption of one meter over [from, to) as it stands now (for corrections). */
    public Uni<BigDecimal> total(Meter meter, Instant from, Instant to) {
        return series.load(meter, from, to).map(s -> s.interval(from, to).consumption());
    }

    private Uni<MeterPeriod> period(Meter meter, Instant from, Instant to, String account, CalorificValues values) {
        Instant start = from.isBefore(meter.installedAt) ? meter.installedAt : from;
        Instant end = meter.decommissionedAt != null && meter.decommissionedAt.isBefore(to)
                ? meter.decommissionedAt : to;
        return series.load(meter, start, end).map(s -> {
            Interval interval = s.interval(start, end);
            BigDecimal energy = meter.utility == Utility.GAS
                    ? values.kilowattHours(interval.consumption(), day(start)) : null;
            return new MeterPeriod(meter.id, account, meter.utility, meter.unit, start, end,
                    RegisterView.of(s.registerAt(start)), RegisterView.of(s.registerAt(end)),
                    Decimals.shown(interval.consumption()), interval.quality(), interval.method(),
                    interval.reasons().isEmpty() ? null : interval.reasons(),
                    energy == null ? null : Decimals.shown(energy));
        });
    }

    /**
     * Keeps what billing was told, for corrections: one statement for the whole answer, since each statement makes
     * Hibernate flush, and a flush per meter walks every meter of the answer (quadratic in the meters asked for).
     */
    private Uni<Void> remember(List<MeterPeriod> periods) {
        if (periods.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now(clock);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < periods.size(); i++) {
            int p = 4 * i + 2;
            rows.append(i == 0 ? "" : ", ").append("(?").append(p).append(", ?").append(p + 1).append(", ?")
                    .append(p + 2).append(", ?").append(p + 3).append(", ?1, ?1)");
        }
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery("""
                            insert into consumption_snapshot (meter_id, period_start, period_end, quantity, taken_at,
                                                              checked_at)
                            values %s
                            on conflict (meter_id, period_start, period_end)
                            do update set quantity = excluded.quantity, taken_at = excluded.taken_at,
                                          checked_at = excluded.checked_at""".formatted(rows))
                    .setParameter(1, now);
            for (int i = 0; i < periods.size(); i++) {
                MeterPeriod period = periods.get(i);
                int p = 4 * i + 2;
                insert.setParameter(p, period.meterId()).setParameter(p + 1, period.from())
                        .setParameter(p + 2, period.to()).setParameter(p + 3, period.consumption());
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    private Uni<CalorificValues> energyTable(boolean needed) {
        if (!needed) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from CalorificValue", CalorificValue.class).getResultList())
                .map(CalorificValues::new);
    }

    private LocalDate day(Instant at) {
        return at.atZone(config.timeZone()).toLocalDate();
    }
}
