package kz.aqkol.devstack.launcher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.devstack.Postgres;

/**
 * What PostgreSQL was busy with while a benchmark measured: every {@link #EVERY} it reads {@code pg_stat_activity}
 * and keeps each statement seen running longer than {@link #LONGER_THAN}, by database and text, with how often it was
 * seen and its longest run. A tail in a benchmark's figures then comes with the statements that ran beside it,
 * instead of a guess.
 */
final class SlowStatements implements AutoCloseable {

    static final Duration EVERY = Duration.ofMillis(250);
    static final Duration LONGER_THAN = Duration.ofMillis(100);
    private static final int SHOWN = 8;

    /**
     * One statement's text in one database, as seen over the samples, with what it was doing when seen: on the CPU
     * or waiting ({@code IO:DataFileRead}, {@code Lock:relation}, ...: {@code pg_stat_activity}'s wait events).
     */
    private record Seen(String database, String statement, int samples, long longestMillis, Map<String, Integer> doing) {
    }

    private final Connection db;
    private final Thread sampler;
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private volatile boolean sampling = true;

    private SlowStatements(Connection db) {
        this.db = db;
        this.sampler = new Thread(this::sample, "slow-statements");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling the server of {@code postgres} (all its databases). */
    static SlowStatements sample(Postgres postgres) throws SQLException {
        return new SlowStatements(postgres.connect("postgres"));
    }

    private void sample() {
        try (Statement statement = db.createStatement()) {
            while (sampling) {
                try (ResultSet rows = statement.executeQuery("""
                        select datname, regexp_replace(query, '\\s+', ' ', 'g') as query,
                               (extract(epoch from clock_timestamp() - query_start) * 1000)::bigint as running,
                               coalesce(wait_event_type || ':' || wait_event, 'CPU') as doing
                        from pg_stat_activity
                        where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'
                          and clock_timestamp() - query_start > interval '%d milliseconds'"""
                        .formatted(LONGER_THAN.toMillis()))) {
                    while (rows.next()) {
                        record(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4));
                    }
                }
                Thread.sleep(EVERY.toMillis());
            }
        } catch (SQLException e) {
            synchronized (seen) {
                seen.put("", new Seen("", "sampling stopped: " + e.getMessage(), 0, 0, Map.of()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String database, String statement, long running, String doing) {
        String text = statement.length() > 160 ? statement.substring(0, 160) + " ..." : statement;
        synchronized (seen) {
            Seen before = seen.get(database + "\u0000" + text);
            Map<String, Integer> waits = new TreeMap<>(before == null ? Map.of() : before.doing());
            waits.merge(doing, 1, Integer::sum);
            seen.put(database + "\u0000" + text, new Seen(database, text, before == null ? 1 : before.samples() + 1,
                    Math.max(before == null ? 0 : before.longestMillis(), running), waits));
        }
    }

    /** Forgets what was seen so far: the figures that follow are of what runs from now. */
    void reset() {
        synchronized (seen) {
            seen.clear();
        }
    }

    /** What was seen, the statements seen most often first, as lines to print. */
    String report(String during) {
        synchronized (seen) {
            if (seen.isEmpty()) {
                return "  PostgreSQL during %s: no statement seen running longer than %d ms%n"
                        .formatted(during, LONGER_THAN.toMillis());
            }
            StringBuilder report = new StringBuilder("  PostgreSQL during %s, statements seen running longer than %d ms"
                    .formatted(during, LONGER_THAN.toMillis()) + " (sampled every %d ms):%n".formatted(EVERY.toMillis()));
            seen.values().stream()
                    .sorted(Comparator.comparingInt(Seen::samples).reversed())
                    .limit(SHOWN)
                    .forEach(s -> report.append("    %4d x, longest %,6d ms, seen %s  %s: %s%n".formatted(
                            s.samples(), s.longestMillis(), s.doing(), s.database(), s.statement())));
            return report.toString();
        }
    }

    @Override
    public void close() throws SQLException {
        sampling = false;
        try {
            sampler.join(EVERY.toMillis() * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
