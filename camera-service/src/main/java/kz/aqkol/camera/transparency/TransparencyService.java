package kz.aqkol.camera.transparency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.db.Rows;

/** Builds the public report from aggregates only; small counts are suppressed here, before anything leaves. */
@ApplicationScoped
public class TransparencyService {

    private static final String CAMERAS = """
            select zone_id as zone, kind, count(*) as n from camera where created_at < :to
            group by 1, 2 order by 1, 2""";
    private static final String EVENTS = """
            select to_char(date_trunc('month', occurred_at, 'UTC'), 'YYYY-MM') as month, type, count(*) as n
            from detection_event where occurred_at >= :from and occurred_at < :to group by 1, 2 order by 1, 2""";
    private static final String GRANTS = """
            select purpose, case when status = 'ACTIVE' and decided_by is null then 'ACTIVE_AT_ONCE'
                                 when status = 'ACTIVE' then 'APPROVED' else status end as outcome, count(*) as n
            from access_grant where created_at >= :from and created_at < :to group by 1, 2 order by 1, 2""";
    private static final String EXPORTS = """
            select status as outcome, count(*) as n
            from event_export where created_at >= :from and created_at < :to group by 1 order by 1""";
    private static final String WATCHLIST = """
            select 'added' as measure, count(*) as n from watch_entry where added_at >= :from and added_at < :to
            union all
            select 'removedEarly', count(*) from watch_entry where removed_at >= :from and removed_at < :to""";
    private static final String PURGES = """
            select to_char(date_trunc('month', ran_at, 'UTC'), 'YYYY-MM') as month, count(*) as runs,
                   sum(purged) as purged
            from purge_receipt where ran_at >= :from and ran_at < :to group by 1 order by 1""";
    private static final String ACCESSES = """
            select action, count(*) as n from audit_entry
            where occurred_at >= :from and occurred_at < :to and action <> 'PURGE' group by 1 order by 1""";

    private static final int CACHED_MONTHS = 120;

    private final Map<ReportPeriod, Cached> cache = new ConcurrentHashMap<>();
    private final CameraConfig config;
    private final Clock clock;

    TransparencyService(CameraConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The report of one closed month, kept for {@code report-cache-for}: it is public and scans the event table. */
    @WithSession
    public Uni<Report> report(ReportPeriod period) {
        Instant now = Instant.now(clock);
        Cached cached = cache.get(period);
        if (cached != null && now.isBefore(cached.until())) {
            return Uni.createFrom().item(cached.report());
        }
        return compute(period).invoke(report -> {
            if (cache.size() >= CACHED_MONTHS) {
                cache.clear();
            }
            cache.put(period, new Cached(report, now.plus(config.reportCacheFor())));
        });
    }

    private Uni<Report> compute(ReportPeriod period) {
        List<List<Report.Count>> sections = new ArrayList<>();
        return counts(CAMERAS, period, "n", "zone", "kind").invoke(sections::add)
                .chain(() -> counts(EVENTS, period, "n", "month", "type")).invoke(sections::add)
                .chain(() -> counts(GRANTS, period, "n", "purpose", "outcome")).invoke(sections::add)
                .chain(() -> counts(EXPORTS, period, "n", "outcome")).invoke(sections::add)
                .chain(() -> counts(WATCHLIST, period, "n", "measure")).invoke(sections::add)
                .chain(() -> purges(period)).invoke(sections::add)
                .chain(() -> counts(ACCESSES, period, "n", "action")).invoke(sections::add)
                .map(done -> new Report(period.name(), period.from(), period.to(), Instant.now(clock),
                        config.suppressBelow(), sections.get(0), sections.get(1), sections.get(2), sections.get(3),
                        sections.get(4), sections.get(5), sections.get(6)));
    }

    private Uni<List<Report.Count>> counts(String sql, ReportPeriod period, String countColumn,
                                           String... dimensions) {
        return rows(sql, period).map(rows -> {
            List<Report.Count> counts = new ArrayList<>();
            for (Tuple row : rows) {
                Map<String, String> group = new LinkedHashMap<>();
                for (String d : dimensions) {
                    group.put(d, Rows.string(row, d));
                }
                counts.add(count(group, Rows.number(row, countColumn)));
            }
            return counts;
        });
    }

    /** Purges per month: the number of runs, and of events purged (each suppressed on its own). */
    private Uni<List<Report.Count>> purges(ReportPeriod period) {
        return rows(PURGES, period).map(rows -> {
            List<Report.Count> counts = new ArrayList<>();
            for (Tuple row : rows) {
                String month = Rows.string(row, "month");
                counts.add(count(Map.of("month", month, "measure", "runs"), Rows.number(row, "runs")));
                counts.add(count(Map.of("month", month, "measure", "eventsPurged"), Rows.number(row, "purged")));
            }
            return counts;
        });
    }

    /** One aggregate over the period, in the caller's session; a statement may use only the period's end. */
    private static Uni<List<Tuple>> rows(String sql, ReportPeriod period) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Tuple.class).setParameter("to", period.to());
            return (sql.contains(":from") ? query.setParameter("from", period.from()) : query).getResultList();
        });
    }

    private Report.Count count(Map<String, String> group, long n) {
        boolean suppressed = n > 0 && n < config.suppressBelow();
        return new Report.Count(group, suppressed ? null : n, suppressed);
    }

    /** The report as CSV: section, dimensions as name=value, count ("<N" when suppressed). */
    public String csv(Report report) {
        StringBuilder out = new StringBuilder("section,group,count\n");
        section(out, "cameras", report.cameras(), report.suppressedBelow());
        section(out, "events", report.events(), report.suppressedBelow());
        section(out, "grants", report.grants(), report.suppressedBelow());
        section(out, "exports", report.exports(), report.suppressedBelow());
        section(out, "watchlist", report.watchlist(), report.suppressedBelow());
        section(out, "purges", report.purges(), report.suppressedBelow());
        section(out, "accesses", report.accesses(), report.suppressedBelow());
        return out.toString();
    }

    private static void section(StringBuilder out, String name, List<Report.Count> counts, int below) {
        for (Report.Count c : counts) {
            StringBuilder group = new StringBuilder();
            c.group().forEach((k, v) -> group.append(group.length() == 0 ? "" : ";").append(k).append('=').append(v));
            out.append(name).append(',').append(quote(group.toString())).append(',')
                    .append(c.suppressed() ? "<" + below : Long.toString(c.count())).append('\n');
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private record Cached(Report report, Instant until) {
    }
}
