package kz.aqkol.billing.run;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Bill runs' lifecycle: for a month and all (or some) accounts, a run is recorded RUNNING and, once that is
 * committed, its steps ({@link BillRunner}) run in the background in the replica that accepted it; it ends
 * COMPLETED, or FAILED with the error. A retry runs a COMPLETED run's PENDING accounts or a FAILED run's whole
 * scope again under the same id. A period's invoice is unique per account (bill_key), so running a period again
 * issues nothing twice.
 */
@ApplicationScoped
public class BillRuns {

    private static final Logger LOG = Logger.getLogger(BillRuns.class);

    private final Pool pool;
    private final BillRunner runner;
    private final BillingConfig config;
    private final Clock clock;
    private final BillRunMetrics metrics;

    @ConfigProperty(name = "aqkol.instance", defaultValue = "local")
    String instance;

    BillRuns(Pool pool, BillRunner runner, BillingConfig config, Clock clock, BillRunMetrics metrics) {
        this.pool = pool;
        this.runner = runner;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What a run bills: a month and its accounts (null: every account not CLOSED). */
    private record Scope(YearMonth period, List<String> accounts) {
    }

    /** Starts a run in the background and answers at once; progress at {@link #view}. */
    public Uni<BillRunView> start(YearMonth period, List<String> accounts, String requestedBy) {
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay(config.timeZone()).toInstant();
        if (end.isAfter(Instant.now(clock))) {
            throw ProblemException.unprocessable("period " + period + " has not ended yet");
        }
        UUID id = UUID.randomUUID();
        // a single statement, committed when it completes
        return pool.preparedQuery("""
                        insert into bill_run (id, period, accounts, requested_by, status, started_at, runner)
                        values ($1, $2, $3, $4, 'RUNNING', $5, $6)""")
                .execute(Tuple.of(id, period.toString(), accounts == null ? null : accounts.toArray(String[]::new),
                        requestedBy, DbTimes.at(Instant.now(clock)), instance))
                .invoke(() -> launch(id, new Scope(period, accounts)))
                .chain(() -> view(id, 0));
    }

    /**
     * Runs a run again (same id, same results page): a COMPLETED run's PENDING accounts, or a FAILED (interrupted)
     * run's whole scope — accounts already invoiced are found and reported ALREADY_INVOICED. The run is launched
     * only after the transaction that marked it RUNNING has committed.
     */
    public Uni<BillRunView> retry(UUID id) {
        return pool.withTransaction(c -> reopen(c, id))
                .invoke(scope -> launch(id, scope))
                .chain(() -> view(id, 0));
    }

    private Uni<Scope> reopen(SqlConnection c, UUID id) {
        return c.preparedQuery("select period, status, accounts from bill_run where id = $1 for update")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("bill run", id);
                    }
                    Row run = rows.iterator().next();
                    YearMonth period = YearMonth.parse(run.getString("period"));
                    RunStatus status = RunStatus.valueOf(run.getString("status"));
                    if (status == RunStatus.RUNNING) {
                        throw ProblemException.conflict("bill run " + id + " is still running");
                    }
                    Uni<Scope> scope;
                    if (status == RunStatus.FAILED) {
                        // interrupted or failed part-way: the whole scope again (what was invoiced is found)
                        String[] accounts = run.getArrayOfStrings("accounts");
                        scope = Uni.createFrom().item(new Scope(period, accounts == null ? null : List.of(accounts)));
                    } else {
                        scope = c.preparedQuery("select account_number from bill_run_item where run_id = $1"
                                        + " and status = 'PENDING' order by account_number")
                                .execute(Tuple.of(id))
                                .map(pending -> {
                                    List<String> accounts = new ArrayList<>();
                                    pending.forEach(r -> accounts.add(r.getString("account_number")));
                                    return new Scope(period, accounts);
                                });
                    }
                    // this replica carries the run now: if it stops, its start-up marks the run FAILED
                    return scope.call(() -> c.preparedQuery("update bill_run set status = 'RUNNING',"
                            + " finished_at = null, error = null, runner = $2 where id = $1")
                            .execute(Tuple.of(id, instance)));
                });
    }

    /** Runs this replica was carrying when it stopped are marked FAILED, so that a retry takes them up. */
    void interrupted(@Observes StartupEvent event) {
        pool.preparedQuery("update bill_run set status = 'FAILED', finished_at = $2,"
                        + " error = 'interrupted: the service stopped during the run; retry it'"
                        + " where status = 'RUNNING' and runner = $1")
                .execute(Tuple.of(instance, DbTimes.at(Instant.now(clock))))
                .await().atMost(Duration.ofSeconds(30));
    }

    /** Runs the steps in the background (the run is committed RUNNING), then records COMPLETED or FAILED. */
    private void launch(UUID id, Scope scope) {
        long started = System.nanoTime();
        Uni.createFrom().voidItem()
                .chain(() -> runner.run(id, scope.period(), scope.accounts()))
                .chain(() -> pool.preparedQuery(
                                "update bill_run set status = 'COMPLETED', finished_at = $2 where id = $1")
                        .execute(Tuple.of(id, DbTimes.at(Instant.now(clock)))))
                .subscribe().with(
                        done -> {
                            metrics.ended(RunStatus.COMPLETED, Duration.ofNanos(System.nanoTime() - started));
                            LOG.infof("bill run %s for %s completed", id, scope.period());
                        },
                        failure -> {
                            metrics.ended(RunStatus.FAILED, Duration.ofNanos(System.nanoTime() - started));
                            LOG.errorf(failure, "bill run %s for %s failed", id, scope.period());
                            pool.preparedQuery("update bill_run set status = 'FAILED', finished_at = $2, error = $3"
                                            + " where id = $1")
                                    .execute(Tuple.of(id, DbTimes.at(Instant.now(clock)),
                                            String.valueOf(failure.getMessage())))
                                    .subscribe().with(r -> { }, e -> LOG.error("cannot record failure", e));
                        });
    }

    /** The run's state, counts per outcome, and up to {@code limit} pending accounts with the reason. */
    public Uni<BillRunView> view(UUID id, int pendingLimit) {
        return pool.withConnection(c -> c.preparedQuery("select * from bill_run where id = $1").execute(Tuple.of(id))
                .chain(runs -> {
                    if (runs.size() == 0) {
                        throw ProblemException.notFound("bill run", id);
                    }
                    Row run = runs.iterator().next();
                    return c.preparedQuery("select status, count(*) as n from bill_run_item where run_id = $1"
                                    + " group by status").execute(Tuple.of(id))
                            .chain(counts -> c.preparedQuery("""
                                            select account_number, detail from bill_run_item
                                            where run_id = $1 and status = 'PENDING' order by account_number
                                            limit $2""").execute(Tuple.of(id, Math.max(pendingLimit, 100)))
                                    .map(pending -> BillRunView.of(id, run, counts, pending)));
                }));
    }

    /** The invoice ids a run produced or found, per account (for tests and operators). */
    public Uni<Map<String, UUID>> invoices(UUID id) {
        return pool.preparedQuery("select account_number, invoice_id from bill_run_item where run_id = $1"
                        + " and invoice_id is not null")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Map<String, UUID> invoices = new LinkedHashMap<>();
                    rows.forEach(r -> invoices.put(r.getString("account_number"), r.getUUID("invoice_id")));
                    return invoices;
                });
    }
}
