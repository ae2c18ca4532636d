package kz.aqkol.billing.dunning;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.jobs.NotRunning;
import org.jboss.logging.Logger;

/**
 * Dunning: how far past due an account's oldest open invoice is decides its stage (configured as NAME:days, e.g.
 * REMINDER:7, WARNING:21, BLOCKED:45). Reaching a stage raises an alert (once per stage) and tells the resident's
 * webhook; reaching the blocking stage makes the account BLOCKED and publishes that on
 * {@code aqkol/v1/billing/account-status} (metering-service closes the valves) — unless the protection rule holds
 * (a protected social category in a protected month), when blocking is deferred and operators are told. Settling
 * the arrears ({@link #release}) makes the account ACTIVE again and publishes that. Disputed invoices are left out.
 */
@ApplicationScoped
public class DunningService {

    private static final Logger LOG = Logger.getLogger(DunningService.class);

    public record Stage(String name, int days) {
    }

    public record RunResult(int overdueAccounts, int escalated, int blocked, int deferred) {
    }

    private static final String OLDEST_OVERDUE = """
            select min(due_date) as oldest from invoice
            where account_number = $1 and settled_tiyn < total_tiyn and kind <> 'CREDIT_NOTE'
              and not disputed and due_date < $2""";
    /** The account's standing and whether anything is overdue, in one round trip on the payment path. */
    private static final String STANDING_AND_ARREARS = """
            select a.status, a.dunning_stage, exists (select 1 from invoice i
                where i.account_number = a.number and i.settled_tiyn < i.total_tiyn
                  and i.kind <> 'CREDIT_NOTE' and not i.disputed and i.due_date < $2) as overdue
            from account a where a.number = $1""";

    private final Pool pool;
    private final AccountStore accounts;
    private final BillingConfig config;
    private final Notices notices;
    private final Clock clock;
    private final List<Stage> stages;

    DunningService(Pool pool, AccountStore accounts, BillingConfig config, Notices notices, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.config = config;
        this.notices = notices;
        this.clock = clock;
        this.stages = parse(config.dunning().stages());
        if (stages.stream().noneMatch(s -> s.name().equals(config.dunning().blockingStage()))) {
            throw new IllegalStateException("aqkol.billing.dunning.blocking-stage names no configured stage");
        }
    }

    static List<Stage> parse(List<String> configured) {
        List<Stage> parsed = new ArrayList<>();
        for (String s : configured) {
            String[] parts = s.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalStateException("dunning stage must be NAME:days, not " + s);
            }
            Stage stage = new Stage(parts[0].trim(), Integer.parseInt(parts[1].trim()));
            if (!parsed.isEmpty() && parsed.get(parsed.size() - 1).days() >= stage.days()) {
                throw new IllegalStateException("dunning stages must be in increasing order of days");
            }
            parsed.add(stage);
        }
        return List.copyOf(parsed);
    }

    public List<Stage> stages() {
        return stages;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), config.timeZone());
    }

    @Scheduled(every = "${aqkol.billing.dunning.every:15m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().invoke(e -> LOG.warnf("dunning pass failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass over every account with an overdue invoice. */
    public Uni<RunResult> run() {
        LocalDate today = today();
        AtomicInteger escalated = new AtomicInteger();
        AtomicInteger blocked = new AtomicInteger();
        AtomicInteger deferred = new AtomicInteger();
        return pool.preparedQuery("""
                        select distinct account_number from invoice
                        where settled_tiyn < total_tiyn and kind <> 'CREDIT_NOTE' and not disputed and due_date < $1
                        order by account_number""")
                .execute(Tuple.of(today))
                .chain(rows -> {
                    List<String> accounts = new ArrayList<>();
                    rows.forEach(r -> accounts.add(r.getString("account_number")));
                    if (accounts.isEmpty()) {
                        return Uni.createFrom().item(new RunResult(0, 0, 0, 0));
                    }
                    return Multi.createFrom().iterable(accounts)
                            .onItem().transformToUniAndConcatenate(account -> pool.withTransaction(c ->
                                    escalate(c, account, today, escalated, blocked, deferred)))
                            .collect().last()
                            .map(x -> new RunResult(accounts.size(), escalated.get(), blocked.get(),
                                    deferred.get()));
                });
    }

    private Uni<Void> escalate(SqlConnection c, String account, LocalDate today, AtomicInteger escalated,
                               AtomicInteger blocked, AtomicInteger deferred) {
        return accounts.lockStanding(c, account)
                .chain(a -> c.preparedQuery(OLDEST_OVERDUE)
                        .execute(Tuple.of(account, today))
                        .chain(oldestRows -> {
                            LocalDate oldest = oldestRows.iterator().next().getLocalDate("oldest");
                            if (oldest == null) {
                                return Uni.createFrom().voidItem();
                            }
                            long days = ChronoUnit.DAYS.between(oldest, today);
                            Stage target = null;
                            for (Stage s : stages) {
                                if (days >= s.days()) {
                                    target = s;
                                }
                            }
                            if (target == null) {
                                return Uni.createFrom().voidItem();
                            }
                            AccountStatus status = a.status();
                            if (status == AccountStatus.CLOSED) {
                                return Uni.createFrom().voidItem();
                            }
                            int current = rank(a.dunningStage());
                            int reached = stages.indexOf(target);
                            boolean blocking = reached >= rank(config.dunning().blockingStage());
                            SocialCategory category = a.socialCategory();
                            boolean protect = blocking && config.dunning().protects(category, today);
                            boolean blocksNow = blocking && !protect && status != AccountStatus.BLOCKED;
                            Uni<Void> work = Uni.createFrom().voidItem();
                            if (reached > current) {
                                escalated.incrementAndGet();
                                Stage stage = target;
                                String summary = "Account overdue " + days + " days: " + stage.name();
                                work = work
                                        .chain(() -> accounts.dun(c, account, stage.name()))
                                        // blocked now: ACCOUNT_BLOCKED below is the operators' one alert
                                        .chain(() -> blocksNow ? Uni.createFrom().voidItem()
                                                : notices.alert(c, account, "DUNNING_" + stage.name(),
                                                        severity(reached), summary, Map.of("stage", stage.name())))
                                        .chain(() -> notices.webhook(c, a.webhookUrl(),
                                                "DUNNING_" + stage.name(), account, summary,
                                                Map.of("stage", stage.name(), "daysOverdue", days)));
                                if (protect) {
                                    deferred.incrementAndGet();
                                    work = work.chain(() -> notices.alert(c, account, "BLOCK_DEFERRED",
                                            Severity.WARNING, "Not blocked: " + category
                                                    + " is protected in month " + today.getMonthValue(),
                                            Map.of("stage", stage.name())));
                                }
                            }
                            if (blocksNow) {
                                blocked.incrementAndGet();
                                work = work
                                        .chain(() -> accounts.block(c, account))
                                        .chain(() -> notices.statusChanged(c, account, AccountStatus.BLOCKED, status,
                                                "overdue " + days + " days"))
                                        .chain(() -> notices.alert(c, account, "ACCOUNT_BLOCKED", Severity.MAJOR,
                                                "Account blocked after " + days + " days overdue", Map.of()));
                            }
                            return work;
                        }));
    }

    private int rank(String stage) {
        if (stage == null) {
            return -1;
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stage)) {
                return i;
            }
        }
        return -1;
    }

    private Severity severity(int rank) {
        int blocking = rank(config.dunning().blockingStage());
        return rank >= blocking ? Severity.MAJOR : rank == blocking - 1 ? Severity.WARNING : Severity.INFO;
    }

    /**
     * After money reached an account (payment, credit note; the account row locked by the caller): if nothing is
     * overdue any more, the account is ACTIVE again, its dunning alerts resolved, and leaving BLOCKED is published.
     */
    public Uni<AccountStatus> release(SqlConnection c, String account) {
        LocalDate today = today();
        return c.preparedQuery(STANDING_AND_ARREARS).execute(Tuple.of(account, today))
                .chain(rows -> {
                    Row a = rows.iterator().next();
                    AccountStatus status = AccountStatus.valueOf(a.getString("status"));
                    String stage = a.getString("dunning_stage");
                    boolean dunned = status == AccountStatus.OVERDUE || status == AccountStatus.BLOCKED
                            || stage != null;
                    if (!dunned || a.getBoolean("overdue") || status == AccountStatus.CLOSED) {
                        return Uni.createFrom().item(status);
                    }
                    Uni<Void> work = accounts.reinstate(c, account);
                    if (status == AccountStatus.BLOCKED) {
                        work = work.chain(() -> notices.statusChanged(c, account, AccountStatus.ACTIVE, status,
                                "arrears settled"));
                    }
                    int reached = rank(stage);
                    for (int i = 0; i <= reached; i++) {
                        Stage s = stages.get(i);
                        int rank = i;
                        work = work.chain(() -> notices.resolve(c, account, "DUNNING_" + s.name(), severity(rank),
                                "Arrears settled"));
                    }
                    if (status == AccountStatus.BLOCKED) {
                        work = work.chain(() -> notices.resolve(c, account, "ACCOUNT_BLOCKED", Severity.MAJOR,
                                "Arrears settled, account unblocked"));
                    }
                    return work.replaceWith(AccountStatus.ACTIVE);
                });
    }
}
