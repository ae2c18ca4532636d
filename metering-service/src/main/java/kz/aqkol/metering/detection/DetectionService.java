package kz.aqkol.metering.detection;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.metering.alert.MeterAlerts;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.metering.consumption.SeriesLoader;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.metering.meter.MeterRepository;
import kz.aqkol.metering.meter.Utility;
import kz.aqkol.metering.reading.ReadingStore;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.tracing.Traces;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Runs the detectors: on every meter whose readings arrived since the last run (leak, tamper, backflow, spike, and
 * the meter's own flags: battery low, magnetic tamper, valve fault), and on every meter in service (silence). Each
 * condition is remembered per meter, so an alert is raised when it starts and
 * resolved when it clears, once each. One replica runs it at a time.
 *
 * <p>Tracing: the pass itself is not traced (it runs every few seconds). When it raises or resolves a meter's alert,
 * that change gets a span, {@code detect meter}, continuing the trace of the meter's newest traced reading (kept by
 * ingest in {@code meter_trace}); the alert is enqueued in that span's trace, so reading, detection, alert and
 * notification are one trace. A meter whose readings carried no context gets a span in a trace of its own.
 */
@ApplicationScoped
public class DetectionService {

    private static final Logger LOG = Logger.getLogger(DetectionService.class);

    private final MeterRepository meters;
    private final SeriesLoader series;
    private final MeterAlerts alerts;
    private final MeteringConfig config;
    private final Clock clock;
    private final Tracer tracer;
    private volatile Instant checkedUpTo;

    DetectionService(MeterRepository meters, SeriesLoader series, MeterAlerts alerts, MeteringConfig config,
                     Clock clock, Tracer tracer) {
        this.meters = meters;
        this.series = series;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        this.tracer = tracer;
    }

    @Scheduled(every = "${aqkol.metering.detect-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return detect();
    }

    @WithTransaction
    public Uni<Void> detect() {
        Instant now = Instant.now(clock);
        Instant since = checkedUpTo != null ? checkedUpTo.minus(ReadingStore.COMMIT_LAG)
                : now.minus(Duration.ofDays(1));
        return Panache.getSession().chain(session -> PassLock.tryTake(session, "flow-detection")
                .chain(locked -> !locked ? Uni.createFrom().voidItem()
                        : flow(session, since).chain(() -> silence(session, now))
                        .invoke(() -> checkedUpTo = now)));
    }

    private Uni<Void> flow(Mutiny.Session session, Instant since) {
        return heard(session, since)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> meters.findById(id)
                                // readings are not tied to the meter table (V3): one whose meter is gone is skipped,
                                // not a failure of the whole pass
                                .chain(meter -> meter == null ? Uni.createFrom().voidItem()
                                        : lastReading(session, meter)
                                                .chain(last -> last == null ? Uni.createFrom().voidItem()
                                                        : flowOf(session, meter, last))))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> flowOf(Mutiny.Session session, Meter meter, Instant last) {
        List<Instant> hours = new ArrayList<>();
        for (int i = Detector.HOURS; i >= 0; i--) {
            hours.add(last.minus(Duration.ofHours(i)));
        }
        return series.load(meter, hours.get(0), last).chain(s -> flags(session, meter, hours.get(0), last)
                .chain(flags -> {
                    Set<Condition> now = Detector.conditions(s.intervals(hours),
                            meter.utility == Utility.GAS || meter.utility == Utility.WATER, flags.inWindow(),
                            flags.onNewest());
                    return settle(session, meter, Detector.FROM_READINGS, now);
                }));
    }

    /** The flags on a meter's readings in (from, last], and those on its reading at {@code last}. */
    private record Flags(Set<String> inWindow, Set<String> onNewest) {
    }

    private static Uni<Flags> flags(Mutiny.Session session, Meter meter, Instant from, Instant last) {
        return session.createNativeQuery("""
                        select occurred_at, flags from reading
                        where meter_id = ?1 and occurred_at > ?2 and occurred_at <= ?3 and flags is not null""",
                        Tuple.class)
                .setParameter(1, meter.id)
                .setParameter(2, from)
                .setParameter(3, last)
                .getResultList()
                .map(rows -> {
                    Set<String> inWindow = new HashSet<>();
                    Set<String> onNewest = new HashSet<>();
                    for (Tuple row : rows) {
                        List<String> flags = List.of(Rows.string(row, "flags").split(","));
                        inWindow.addAll(flags);
                        if (last.equals(Rows.instant(row, "occurred_at"))) {
                            onNewest.addAll(flags);
                        }
                    }
                    return new Flags(inWindow, onNewest);
                });
    }

    /**
     * The meters whose readings arrived since {@code since}, each noted in meter_heard with its newest reading in
     * the same statement (one pass over those readings serves both).
     */
    private static Uni<List<String>> heard(Mutiny.Session session, Instant since) {
        return session.createNativeQuery("""
                        insert into meter_heard (meter_id, last_reading)
                        select meter_id, max(occurred_at) from reading where received_at > ?1 group by meter_id
                        on conflict (meter_id) do update
                            set last_reading = greatest(meter_heard.last_reading, excluded.last_reading)
                        returning meter_id""", String.class)
                .setParameter(1, since)
                .getResultList();
    }

    /** meter_heard caught up with a meter's newest reading, so that it stops being a candidate every pass. */
    private static Uni<Void> heardAt(Mutiny.Session session, Meter meter, Instant last) {
        return last == null ? Uni.createFrom().voidItem() : session.createNativeQuery("""
                        insert into meter_heard (meter_id, last_reading) values (?1, ?2)
                        on conflict (meter_id) do update
                            set last_reading = greatest(meter_heard.last_reading, excluded.last_reading)""")
                .setParameter(1, meter.id)
                .setParameter(2, last)
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * SILENT raised for the meters in service not heard from for longer than the allowed silence, resolved for those
     * heard from again. One join over meter, meter_heard and the active SILENT conditions finds the meters whose
     * state would change; each is then judged by its own newest reading, so a meter_heard that lags (readings
     * written by other means than ingest) can delay a change, never make a wrong one.
     */
    private Uni<Void> silence(Mutiny.Session session, Instant now) {
        return session.createNativeQuery("""
                        select m.id, m.installed_at, c.meter_id is not null as silent
                        from meter m
                        left join meter_heard h on h.meter_id = m.id
                        left join meter_condition c on c.meter_id = m.id and c.type = 'SILENT' and c.active
                        where m.decommissioned_at is null
                          and (coalesce(h.last_reading, m.installed_at) < ?1) <> (c.meter_id is not null)""",
                        Tuple.class)
                .setParameter(1, now.minus(config.silence()))
                .getResultList()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> meters.findById(Rows.string(row, "id"))
                                .chain(meter -> lastReading(session, meter).chain(last -> {
                                    boolean silent = Detector.silent(last, meter.installedAt, now, config.silence());
                                    return silent == Rows.bool(row, "silent") ? heardAt(session, meter, last)
                                            : settle(session, meter, EnumSet.of(Condition.SILENT),
                                            silent ? EnumSet.of(Condition.SILENT) : EnumSet.noneOf(Condition.class));
                                })))
                        .collect().last())
                .replaceWithVoid();
    }

    /** Raises what newly holds and resolves what no longer does, among the conditions {@code judged}. */
    private Uni<Void> settle(Mutiny.Session session, Meter meter, Set<Condition> judged, Set<Condition> holding) {
        return session.createNativeQuery("select type from meter_condition where meter_id = ?1 and active",
                        String.class)
                .setParameter(1, meter.id)
                .getResultList()
                .chain(active -> {
                    List<Condition> changed = judged.stream()
                            .filter(condition -> active.contains(condition.name()) != holding.contains(condition))
                            .toList();
                    return changed.isEmpty() ? Uni.createFrom().voidItem() : traceOf(session, meter)
                            .chain(reading -> change(session, meter, changed, holding, reading));
                });
    }

    /** The changes of one meter's conditions, in a span that continues the trace of its newest traced reading. */
    private Uni<Void> change(Mutiny.Session session, Meter meter, List<Condition> changed, Set<Condition> holding,
                             Context reading) {
        Span span = tracer.spanBuilder("detect meter").setParent(reading)
                .setAttribute("aqkol.meter.id", meter.id)
                .startSpan();
        TraceContext trace = Traces.of(reading.with(span));
        return Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(condition -> {
                    boolean is = holding.contains(condition);
                    try (Scope logged = span.makeCurrent()) { // the log line names the trace (MDC)
                        LOG.infof("Meter %s: %s %s", meter.id, condition, is ? "detected" : "cleared");
                    }
                    span.addEvent(condition + (is ? " detected" : " cleared"));
                    return remember(session, meter, condition, is)
                            .chain(() -> is ? alerts.raise(meter, condition.name(), condition.severity(),
                                    condition.summary(), trace)
                                    : alerts.resolve(meter, condition.name(), condition.severity(),
                                    condition.summary() + ": cleared", trace));
                })
                .collect().last()
                .onTermination().invoke(span::end)
                .replaceWithVoid();
    }

    /** The context of the meter's newest traced reading (as ingest kept it), or the root context if it has none. */
    private static Uni<Context> traceOf(Mutiny.Session session, Meter meter) {
        return session.createNativeQuery("select traceparent, tracestate from meter_trace where meter_id = ?1",
                        Tuple.class)
                .setParameter(1, meter.id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? Context.root() : Traces.parent(Rows.string(rows.get(0), "traceparent"),
                        Rows.string(rows.get(0), "tracestate")));
    }

    private Uni<Void> remember(Mutiny.Session session, Meter meter, Condition condition, boolean active) {
        return session.createNativeQuery("""
                        insert into meter_condition (meter_id, type, active, changed_at) values (?1, ?2, ?3, ?4)
                        on conflict (meter_id, type) do update set active = excluded.active,
                                                                   changed_at = excluded.changed_at""")
                .setParameter(1, meter.id)
                .setParameter(2, condition.name())
                .setParameter(3, active)
                .setParameter(4, Instant.now(clock))
                .executeUpdate()
                .replaceWithVoid();
    }

    private static Uni<Instant> lastReading(Mutiny.Session session, Meter meter) {
        return session.createNativeQuery("select max(occurred_at) from reading where meter_id = ?1", Object.class)
                .setParameter(1, meter.id)
                .getSingleResult()
                .map(DbTimes::instant);
    }
}
