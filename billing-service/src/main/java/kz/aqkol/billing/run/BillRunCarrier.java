package kz.aqkol.billing.run;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.time.DbTimes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Carries bill runs under a lease, so that a run survives the replica that started it. The replica carrying a run
 * holds its lease ({@code bill_run.lease_token}, until {@code lease_until} on the database's clock) and renews it
 * every third of {@link BillingConfig#billRunLease()} while the steps run; its end (COMPLETED or FAILED) is recorded
 * only while it still holds the lease. A pass on every replica ({@link #takeOver()}) takes over, in one statement,
 * each RUNNING run whose lease has ended and resumes its whole scope: accounts invoiced meanwhile are found by their
 * bill_key (ALREADY_INVOICED), so nothing is invoiced twice. A carrier that finds its lease taken stops.
 */
@ApplicationScoped
public class BillRunCarrier {

    private static final Logger LOG = Logger.getLogger(BillRunCarrier.class);

    /** The lease's end as the database reckons it, {@code $n} milliseconds from now. */
    static String leaseEnd(int n) {
        return "now() + cast($" + n + " as bigint) * interval '1 millisecond'";
    }

    private final Pool pool;
    private final BillRunner runner;
    private final BillingConfig config;
    private final Clock clock;
    private final BillRunMetrics metrics;
    private final Vertx vertx;
    private final String instance;

    BillRunCarrier(Pool pool, BillRunner runner, BillingConfig config, Clock clock, BillRunMetrics metrics,
                   Vertx vertx, @ConfigProperty(name = "aqkol.instance", defaultValue = "local") String instance) {
        this.pool = pool;
        this.runner = runner;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.vertx = vertx;
        this.instance = instance;
    }

    /** What a run bills: a month and its accounts (null: every account not CLOSED). */
    public record Scope(YearMonth period, List<String> accounts) {

        static Scope of(Row run) {
            String[] accounts = run.getArrayOfStrings("accounts");
            return new Scope(YearMonth.parse(run.getString("period")), accounts == null ? null : List.of(accounts));
        }
    }

    /** This replica's name, recorded as the run's {@code runner}. */
    String instance() {
        return instance;
    }

    long leaseMillis() {
        return config.billRunLease().toMillis();
    }

    /**
     * A replica that starts again gives up the runs it carried before it stopped: their leases end now, so the next
     * pass (on any replica) resumes them without waiting for the lease to run out.
     */
    void restarted(@Observes StartupEvent event) {
        pool.preparedQuery("update bill_run set lease_until = now() where status = 'RUNNING' and runner = $1")
                .execute(Tuple.of(instance))
                .await().atMost(Duration.ofSeconds(30));
    }

    @Scheduled(every = "${aqkol.billing.bill-run-takeover-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduledTakeOver() {
        return takeOver().replaceWithVoid();
    }

    /**
     * Takes over every RUNNING run whose lease has ended and carries it here. One statement: of two replicas
     * passing at once, the second finds the lease renewed by the first and takes nothing.
     */
    public Uni<List<UUID>> takeOver() {
        return pool.preparedQuery("update bill_run set runner = $1, lease_token = gen_random_uuid(), lease_until = "
                        + leaseEnd(2) + ", takeovers = takeovers + 1 where status = 'RUNNING'"
                        + " and (lease_until < now() or lease_until is null)"
                        + " returning id, period, accounts, lease_token, takeovers")
                .execute(Tuple.of(instance, leaseMillis()))
                .map(this::carryAll);
    }

    private List<UUID> carryAll(RowSet<Row> taken) {
        List<UUID> ids = new ArrayList<>();
        for (Row run : taken) {
            UUID id = run.getUUID("id");
            LOG.warnf("bill run %s for %s taken over by %s (takeover %d): its lease had ended", id,
                    run.getString("period"), instance, run.getInteger("takeovers"));
            metrics.takenOver();
            carry(id, run.getUUID("lease_token"), Scope.of(run));
            ids.add(id);
        }
        return ids;
    }

    /**
     * Runs the steps in the background under the lease {@code token} (committed already), renewing it meanwhile,
     * then records COMPLETED or FAILED, unless the lease was lost: then whoever took the run over records its end.
     */
    public void carry(UUID id, UUID token, Scope scope) {
        new Carried(id, token, scope).start();
    }

    /** One run carried here: its steps, its renewal timer, and whether it ended. */
    private final class Carried {

        private final UUID id;
        private final UUID token;
        private final Scope scope;
        private final long started = System.nanoTime();
        private volatile boolean over;
        private volatile Cancellable steps;
        private long timer;

        Carried(UUID id, UUID token, Scope scope) {
            this.id = id;
            this.token = token;
            this.scope = scope;
        }

        void start() {
            timer = vertx.setPeriodic(Math.max(1, leaseMillis() / 3), tick -> renew());
            steps = Uni.createFrom().voidItem()
                    .chain(() -> runner.run(id, scope.period(), scope.accounts()))
                    .subscribe().with(done -> end(RunStatus.COMPLETED, null),
                            failure -> end(RunStatus.FAILED, failure));
        }

        private void renew() {
            pool.preparedQuery("update bill_run set lease_until = " + leaseEnd(3)
                            + " where id = $1 and lease_token = $2 and status = 'RUNNING'")
                    .execute(Tuple.of(id, token, leaseMillis()))
                    .subscribe().with(rows -> {
                        if (rows.rowCount() == 0 && !over) {
                            LOG.warnf("bill run %s: %s no longer holds its lease; stopping here", id, instance);
                            stop();
                            steps.cancel();
                        }
                    }, failure -> LOG.warnf("bill run %s: cannot renew its lease: %s", id, failure.getMessage()));
        }

        private void end(RunStatus status, Throwable failure) {
            stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (failure != null) {
                LOG.errorf(failure, "bill run %s for %s failed", id, scope.period());
            }
            pool.preparedQuery("update bill_run set status = $3, finished_at = $4, error = $5, lease_until = null"
                            + " where id = $1 and lease_token = $2 and status = 'RUNNING'")
                    .execute(Tuple.of(id, token, status.name(), DbTimes.at(Instant.now(clock)),
                            failure == null ? null : String.valueOf(failure.getMessage())))
                    .subscribe().with(rows -> {
                        if (rows.rowCount() == 0) {
                            LOG.warnf("bill run %s: %s lost its lease before the end; the replica that took it over"
                                    + " records it", id, instance);
                            return;
                        }
                        metrics.ended(status, took);
                        if (failure == null) {
                            LOG.infof("bill run %s for %s completed", id, scope.period());
                        }
                    }, e -> LOG.errorf(e, "bill run %s: cannot record its end (%s); once its lease has ended another"
                            + " pass resumes it", id, status));
        }

        private void stop() {
            over = true;
            vertx.cancelTimer(timer);
        }
    }
}
