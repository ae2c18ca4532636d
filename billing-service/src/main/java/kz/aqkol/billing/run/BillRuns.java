package kz.aqkol.billing.run;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.run.BillRunCarrier.Scope;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;

/**
 * Bill runs' lifecycle: for a month and all (or some) accounts, a run is recorded RUNNING under this replica's lease
 * and, once that is committed, its steps ({@link BillRunner}) run in the background ({@link BillRunCarrier}); if
 * this replica stops, another takes the run over when the lease ends. It ends COMPLETED, or FAILED with the error.
 * A retry runs a COMPLETED run's PENDING accounts or a FAILED run's whole scope again under the same id. A period's
 * invoice is unique per account (bill_key), so running a period again issues nothing twice.
 */
@ApplicationScoped
public class BillRuns {

    private final Pool pool;
    private final BillRunCarrier carrier;
    private final BillingConfig config;
    private final Clock clock;

    BillRuns(Pool pool, BillRunCarrier carrier, BillingConfig config, Clock clock) {
        this.pool = pool;
        this.carrier = carrier;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a run in the background and answers at once; progress at {@link #view}. */
    public Uni<BillRunView> start(YearMonth period, List<String> accounts, String requestedBy) {
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay(config.timeZone()).toInstant();
        if (end.isAfter(Instant.now(clock))) {
            throw ProblemException.unprocessable("period " + period + " has not ended yet");
        }
        UUID id = UUID.randomUUID();
        // a single statement, committed when it completes
        return pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at,"
                        + " runner, lease_token, lease_until) values ($1, $2, $3, $4, 'RUNNING', $5, $6,"
                        + " gen_random_uuid(), " + BillRunCarrier.leaseEnd(7) + ") returning lease_token")
                .execute(Tuple.from(Arrays.asList(id, period.toString(),
                        accounts == null ? null : accounts.toArray(String[]::new), requestedBy,
                        DbTimes.at(Instant.now(clock)), carrier.instance(), carrier.leaseMillis())))
                .invoke(rows -> carrier.carry(id, rows.iterator().next().getUUID("lease_token"),
                        new Scope(period, accounts)))
                .chain(() -> view(id, 0));
    }

    /**
     * Runs a run again (same id, same results page): a COMPLETED run's PENDING accounts, or a FAILED run's whole
     * scope — accounts already invoiced are found and reported ALREADY_INVOICED. The run is carried only after the
     * transaction that marked it RUNNING under this replica's lease has committed.
     */
    public Uni<BillRunView> retry(UUID id) {
        return pool.withTransaction(c -> reopen(c, id))
                .invoke(leased -> carrier.carry(id, leased.token(), leased.scope()))
                .chain(() -> view(id, 0));
    }

    private record Leased(UUID token, Scope scope) {
    }

    private Uni<Leased> reopen(SqlConnection c, UUID id) {
        return c.preparedQuery("select period, status, accounts from bill_run where id = $1 for update")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("bill run", id);
                    }
                    Row run = rows.iterator().next();
                    RunStatus status = RunStatus.valueOf(run.getString("status"));
                    if (status == RunStatus.RUNNING) {
                        throw ProblemException.conflict("bill run " + id + " is still running");
                    }
                    Uni<Scope> scope;
                    if (status == RunStatus.FAILED) {
                        // failed part-way: the whole scope again (what was invoiced is found)
                        scope = Uni.createFrom().item(Scope.of(run));
                    } else {
                        YearMonth period = YearMonth.parse(run.getString("period"));
                        scope = c.preparedQuery("select account_number from bill_run_item where run_id = $1"
                                        + " and status = 'PENDING' order by account_number")
                                .execute(Tuple.of(id))
                                .map(pending -> {
                                    List<String> accounts = new ArrayList<>();
                                    pending.forEach(r -> accounts.add(r.getString("account_number")));
                                    return new Scope(period, accounts);
                                });
                    }
                    // this replica carries the run now, under a new lease
                    return scope.chain(s -> c.preparedQuery("update bill_run set status = 'RUNNING',"
                                    + " finished_at = null, error = null, runner = $2, lease_token = gen_random_uuid(),"
                                    + " lease_until = " + BillRunCarrier.leaseEnd(3) + " where id = $1"
                                    + " returning lease_token")
                            .execute(Tuple.of(id, carrier.instance(), carrier.leaseMillis()))
                            .map(updated -> new Leased(updated.iterator().next().getUUID("lease_token"), s)));
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
