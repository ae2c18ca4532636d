package kz.aqkol.platform.db;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import kz.aqkol.platform.jobs.PassLock;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A table partitioned by month (UTC) of a timestamptz column, as platform's V0_5 migration lays it out: partition
 * {@code <table>_yYYYYmMM} holds that month. Makes months ahead and drops expired ones (one replica at a time, under
 * {@link PassLock}, as the other jobs), makes a month on demand when a row finds none, lists the
 * months there are and drops one. The DDL runs in the database functions V0_5 defines, so the service's runtime
 * role needs no more than their EXECUTE grant.
 */
public final class MonthlyPartitions {

    private static final Logger LOG = Logger.getLogger(MonthlyPartitions.class);
    private static final String CREATE = "select aqkol_create_month_partition($1::text::regclass, $2) as made";
    private static final String DROP = "select aqkol_drop_month_partition($1::text::regclass, $2) as dropped";
    private static final String LIST = """
            select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = $1::text::regclass""";
    /** PostgreSQL's check_violation, as raised for a row that no partition accepts. */
    private static final String CHECK_VIOLATION = "23514";

    private final Pool pool;
    private final String table;
    private final Pattern name;

    public MonthlyPartitions(Pool pool, String table) {
        this.pool = pool;
        this.table = table;
        this.name = Pattern.compile(Pattern.quote(table) + "_y(\\d{4})m(\\d{2})");
    }

    public String table() {
        return table;
    }

    /** The partition that holds {@code month}. */
    public String partition(YearMonth month) {
        return String.format("%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
    }

    /**
     * Makes the partitions of the month of {@code now} and the {@code ahead} months after it that are missing, and
     * drops those that end at or before {@code dropEndingBy} (none if null), in one transaction. Does nothing if
     * another replica holds the lock (it is doing the same).
     */
    public Uni<Maintenance> maintain(Instant now, int ahead, Instant dropEndingBy) {
        List<YearMonth> months = new ArrayList<>();
        YearMonth first = monthOf(now);
        for (int i = 0; i <= ahead; i++) {
            months.add(first.plusMonths(i));
        }
        return pool.withTransaction(connection -> PassLock.ifTaken(connection, "partitions of " + table,
                () -> make(connection, months).chain(made -> dropEndingBy == null
                        ? Uni.createFrom().item(new Maintenance(made, List.of()))
                        : dropEndingBy(connection, dropEndingBy).map(dropped -> new Maintenance(made, dropped))),
                Maintenance.NONE));
    }

    /** Waits for a start-up run of {@link #maintain}; a failure is logged and left to the scheduled job. */
    public void atStart(Uni<Maintenance> maintenance, Duration every) {
        try {
            maintenance.await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Partitions of %s could not be made at start; the job tries again in %s", table, every);
        }
    }

    /** Drops the partitions of the months that end at or before {@code cutoff}; returns their names. */
    private Uni<List<String>> dropEndingBy(SqlClient client, Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        return months(client).chain(months -> Multi.createFrom().iterable(months)
                .select().where(month -> !end(month).toInstant().isAfter(cutoff))
                .onItem().transformToUniAndConcatenate(month -> drop(client, month)
                        .invoke(done -> {
                            if (done) {
                                dropped.add(partition(month));
                            }
                        }))
                .collect().last()
                .replaceWith(dropped));
    }

    /** What one {@link #maintain} run made and dropped. */
    public record Maintenance(List<String> made, List<String> dropped) {
        static final Maintenance NONE = new Maintenance(List.of(), List.of());
    }

    /** Makes the partitions of these months that are missing (each in the caller's transaction, if any). */
    public Uni<List<String>> make(SqlClient client, Collection<YearMonth> months) {
        List<String> made = new ArrayList<>();
        return Multi.createFrom().iterable(new TreeSet<>(months))
                .onItem().transformToUniAndConcatenate(month -> client.preparedQuery(CREATE)
                        .execute(Tuple.of(table, start(month)))
                        .invoke(rows -> {
                            String partition = rows.iterator().next().getString("made");
                            if (partition != null) {
                                LOG.infof("Partition %s made (%s, %s to %s)", partition, table, start(month),
                                        end(month));
                                made.add(partition);
                            }
                        }))
                .collect().last()
                .replaceWith(made);
    }

    /** Makes the missing partitions of these months, in a transaction of their own. */
    public Uni<List<String>> make(Collection<YearMonth> months) {
        return pool.withTransaction(connection -> make(connection, months));
    }

    /** The months that have a partition, oldest first. */
    public Uni<List<YearMonth>> months(SqlClient client) {
        return client.preparedQuery(LIST).execute(Tuple.of(table)).map(rows -> {
            TreeSet<YearMonth> months = new TreeSet<>();
            rows.forEach(row -> {
                Matcher m = name.matcher(row.getString("relname"));
                if (m.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            });
            return List.copyOf(months);
        });
    }

    /** Drops the month's partition (never one that is not over yet); false if there was none. */
    public Uni<Boolean> drop(SqlClient client, YearMonth month) {
        return client.preparedQuery(DROP).execute(Tuple.of(table, start(month)))
                .map(rows -> rows.iterator().next().getBoolean("dropped"))
                .invoke(dropped -> {
                    if (dropped) {
                        LOG.infof("Partition %s dropped (%s, %s to %s)", partition(month), table, start(month),
                                end(month));
                    }
                });
    }

    /**
     * Runs {@code store}; if it fails on a row that no partition accepts, makes the partitions of the months of
     * {@code times} (rows of months long past arriving late) and runs it once more.
     */
    public <T> Uni<T> storing(Collection<Instant> times, Supplier<Uni<T>> store) {
        return store.get().onFailure(this::isMissingPartition).recoverWithUni(failure -> {
            Set<YearMonth> months = new TreeSet<>();
            times.forEach(at -> months.add(monthOf(at)));
            return make(months).chain(() -> store.get());
        });
    }

    /** Whether the failure is a row that no partition of this table accepts. */
    public boolean isMissingPartition(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return CHECK_VIOLATION.equals(pg.getSqlState())
                        && Objects.toString(pg.getErrorMessage(), "").startsWith("no partition of relation \""
                        + table + "\"");
            }
        }
        return false;
    }

    /** The UTC month an instant falls in. */
    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** The first instant of a UTC month, as the reactive client binds it. */
    public static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after a UTC month. */
    public static OffsetDateTime end(YearMonth month) {
        return start(month.plusMonths(1));
    }
}
