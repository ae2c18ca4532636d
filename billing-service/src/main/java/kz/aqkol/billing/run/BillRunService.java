package kz.aqkol.billing.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Db;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.billing.tariff.Tariff;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.billing.tariff.TariffStore;
import kz.aqkol.billing.tariff.Utility;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Bill runs: for a month and all (or some) accounts, fetch each meter's consumption from metering-service, price it
 * under the tariff versions in force, and issue one invoice per account, posted to the ledger and, for auto-paying
 * accounts, settled from the wallet. Accounts go in batches: one consumption query and one database transaction per
 * batch. An account whose consumption cannot be had is left PENDING and a retry takes it up again. A period's
 * invoice is unique per account (bill_key), so running a period again issues nothing twice.
 */
@ApplicationScoped
public class BillRunService {

    private static final Logger LOG = Logger.getLogger(BillRunService.class);
    private static final int MAX_METERS_PER_QUERY = 1000;

    private final Pool pool;
    private final Metering metering;
    private final TariffStore tariffs;
    private final BillingConfig config;
    private final Notices notices;
    private final ObjectMapper json;
    private final Clock clock;

    @ConfigProperty(name = "aqkol.instance", defaultValue = "local")
    String instance;

    BillRunService(Pool pool, Metering metering, TariffStore tariffs, BillingConfig config, Notices notices,
                   ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.metering = metering;
        this.tariffs = tariffs;
        this.config = config;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
    }

    /** Starts a run in the background and answers at once; progress at {@link #view}. */
    public Uni<BillRunView> start(YearMonth period, List<String> accounts, String requestedBy) {
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay(config.timeZone()).toInstant();
        if (end.isAfter(Instant.now(clock))) {
            throw ProblemException.unprocessable("period " + period + " has not ended yet");
        }
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("""
                        insert into bill_run (id, period, accounts, requested_by, status, started_at, runner)
                        values ($1, $2, $3, $4, 'RUNNING', $5, $6)""")
                .execute(Tuple.of(id, period.toString(), accounts == null ? null : accounts.toArray(String[]::new),
                        requestedBy, Db.at(Instant.now(clock)), instance))
                .invoke(() -> launch(id, period, accounts))
                .chain(() -> view(id, 0));
    }

    /**
     * Runs a run again (same id, same results page): a COMPLETED run's PENDING accounts, or a FAILED (interrupted)
     * run's whole scope — accounts already invoiced are found and reported ALREADY_INVOICED.
     */
    public Uni<BillRunView> retry(UUID id) {
        return pool.withTransaction(c -> c.preparedQuery("select period, status, accounts from bill_run where id = $1"
                        + " for update")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("bill run", id);
                    }
                    Row run = rows.iterator().next();
                    if ("RUNNING".equals(run.getString("status"))) {
                        throw ProblemException.conflict("bill run " + id + " is still running");
                    }
                    if ("FAILED".equals(run.getString("status"))) {
                        // interrupted or failed part-way: the whole scope again (what was invoiced is found)
                        String[] scope = run.getArrayOfStrings("accounts");
                        return c.preparedQuery("update bill_run set status = 'RUNNING', finished_at = null,"
                                        + " error = null, runner = $2 where id = $1").execute(Tuple.of(id, instance))
                                .invoke(() -> launch(id, YearMonth.parse(run.getString("period")),
                                        scope == null ? null : List.of(scope)));
                    }
                    return c.preparedQuery("select account_number from bill_run_item where run_id = $1"
                                    + " and status = 'PENDING' order by account_number")
                            .execute(Tuple.of(id))
                            .chain(pending -> {
                                List<String> accounts = new ArrayList<>();
                                pending.forEach(r -> accounts.add(r.getString("account_number")));
                                return c.preparedQuery("update bill_run set status = 'RUNNING', finished_at = null,"
                                                + " error = null where id = $1").execute(Tuple.of(id))
                                        .invoke(() -> launch(id, YearMonth.parse(run.getString("period")),
                                                accounts));
                            });
                }))
                .chain(() -> view(id, 0));
    }

    /** Runs this replica was carrying when it stopped are marked FAILED, so that a retry takes them up. */
    void interrupted(@Observes StartupEvent event) {
        pool.preparedQuery("update bill_run set status = 'FAILED', finished_at = $2,"
                        + " error = 'interrupted: the service stopped during the run; retry it'"
                        + " where status = 'RUNNING' and runner = $1")
                .execute(Tuple.of(instance, Db.at(Instant.now(clock))))
                .await().atMost(java.time.Duration.ofSeconds(30));
    }

    private void launch(UUID id, YearMonth period, List<String> accounts) {
        // after the transaction that records the run has committed (invoke runs once the insert is done)
        Uni.createFrom().voidItem()
                .chain(() -> run(id, period, accounts))
                .subscribe().with(
                        done -> LOG.infof("bill run %s for %s completed", id, period),
                        failure -> {
                            LOG.errorf(failure, "bill run %s for %s failed", id, period);
                            pool.preparedQuery("update bill_run set status = 'FAILED', finished_at = $2, error = $3"
                                            + " where id = $1")
                                    .execute(Tuple.of(id, Db.at(Instant.now(clock)),
                                            String.valueOf(failure.getMessage())))
                                    .subscribe().with(r -> { }, e -> LOG.error("cannot record failure", e));
                        });
    }

    Uni<Void> run(UUID id, YearMonth period, List<String> accounts) {
        return tariffs.all(null).chain(all -> {
            Map<Utility, List<Tariff>> byUtility = new HashMap<>();
            all.forEach(t -> byUtility.computeIfAbsent(t.utility(), u -> new ArrayList<>()).add(t));
            Run run = new Run(id, period, byUtility);
            Uni<Void> steps = accounts != null ? explicit(run, accounts, 0) : everyone(run, "");
            return steps.chain(() -> pool.preparedQuery(
                            "update bill_run set status = 'COMPLETED', finished_at = $2 where id = $1")
                    .execute(Tuple.of(id, Db.at(Instant.now(clock))))).replaceWithVoid();
        });
    }

    private Uni<Void> explicit(Run run, List<String> accounts, int from) {
        if (from >= accounts.size()) {
            return Uni.createFrom().voidItem();
        }
        int to = Math.min(accounts.size(), from + config.billRunBatch());
        return step(run, accounts.subList(from, to)).chain(() -> explicit(run, accounts, to));
    }

    private Uni<Void> everyone(Run run, String after) {
        return pool.preparedQuery("select number from account where number > $1 and status <> 'CLOSED'"
                        + " order by number limit $2")
                .execute(Tuple.of(after, config.billRunBatch()))
                .chain(rows -> {
                    List<String> numbers = new ArrayList<>();
                    rows.forEach(r -> numbers.add(r.getString("number")));
                    if (numbers.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return step(run, numbers).chain(() -> numbers.size() < config.billRunBatch()
                            ? Uni.createFrom().voidItem() : everyone(run, numbers.get(numbers.size() - 1)));
                });
    }

    private record Run(UUID id, YearMonth period, Map<Utility, List<Tariff>> tariffs) {
        LocalDate from() {
            return period.atDay(1);
        }

        LocalDate to() {
            return period.plusMonths(1).atDay(1);
        }
    }

    /** An account as the run sees it. */
    private static final class Candidate {
        final String number;
        final SocialCategory category;
        final List<String> meters;
        final UUID invoiced;
        String status;
        String detail;
        UUID invoiceId;
        Explanation explanation;
        List<MeterPeriod> periods;

        Candidate(Row row) {
            number = row.getString("number");
            category = SocialCategory.valueOf(row.getString("social_category"));
            meters = List.of(row.getArrayOfStrings("meters"));
            invoiced = row.getUUID("invoiced");
        }
    }

    private Uni<Void> step(Run run, List<String> numbers) {
        String key = "|" + run.period();
        return pool.preparedQuery("""
                        select a.number, a.social_category,
                               coalesce(array_agg(m.meter_id order by m.meter_id)
                                        filter (where m.meter_id is not null), '{}') as meters,
                               (select i.id from invoice i where i.bill_key = a.number || $2) as invoiced
                        from account a left join account_meter m on m.account_number = a.number
                        where a.number = any($1) group by a.number order by a.number""")
                .execute(Tuple.of(numbers.toArray(String[]::new), key))
                .chain(rows -> {
                    Map<String, Candidate> candidates = new LinkedHashMap<>();
                    rows.forEach(r -> candidates.put(r.getString("number"), new Candidate(r)));
                    List<Candidate> toFetch = new ArrayList<>();
                    for (String number : numbers) {
                        Candidate c = candidates.get(number);
                        if (c == null) {
                            continue;
                        }
                        if (c.invoiced != null) {
                            c.status = "ALREADY_INVOICED";
                            c.invoiceId = c.invoiced;
                        } else if (c.meters.isEmpty()) {
                            c.status = "NO_METERS";
                        } else {
                            toFetch.add(c);
                        }
                    }
                    return fetch(run, toFetch).chain(() -> {
                        for (Candidate c : toFetch) {
                            if (c.status == null) {
                                price(run, c);
                            }
                        }
                        return pool.withTransaction(conn -> persist(conn, run, List.copyOf(candidates.values())));
                    });
                });
    }

    /** Consumption for every candidate's meters: in bulk, and account by account if the bulk query fails. */
    private Uni<Void> fetch(Run run, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant from = run.from().atStartOfDay(config.timeZone()).toInstant();
        Instant to = run.to().atStartOfDay(config.timeZone()).toInstant();
        List<List<Candidate>> chunks = new ArrayList<>();
        List<Candidate> chunk = new ArrayList<>();
        int meters = 0;
        for (Candidate c : candidates) {
            if (meters + c.meters.size() > MAX_METERS_PER_QUERY && !chunk.isEmpty()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                meters = 0;
            }
            chunk.add(c);
            meters += c.meters.size();
        }
        chunks.add(chunk);
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(part -> {
                    List<String> ids = part.stream().flatMap(c -> c.meters.stream()).toList();
                    return metering.periods(ids, from, to)
                            .invoke(periods -> assign(part, periods))
                            .replaceWithVoid()
                            .onFailure().recoverWithUni(failure -> part.size() == 1
                                    ? Uni.createFrom().voidItem().invoke(() -> pending(part.get(0), failure))
                                    : oneByOne(part, from, to));
                })
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> oneByOne(List<Candidate> part, Instant from, Instant to) {
        return Multi.createFrom().iterable(part)
                .onItem().transformToUniAndConcatenate(c -> metering.periods(c.meters, from, to)
                        .invoke(periods -> assign(List.of(c), periods))
                        .replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            pending(c, failure);
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    private static void pending(Candidate c, Throwable failure) {
        c.status = "PENDING";
        c.detail = "consumption unavailable from metering-service: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " " + truncate(failure.getMessage()));
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static void assign(List<Candidate> part, List<MeterPeriod> periods) {
        Map<String, MeterPeriod> byMeter = new HashMap<>();
        periods.forEach(p -> byMeter.put(p.meterId(), p));
        for (Candidate c : part) {
            List<MeterPeriod> mine = new ArrayList<>();
            for (String meter : c.meters) {
                MeterPeriod p = byMeter.get(meter);
                if (p == null) {
                    c.status = "PENDING";
                    c.detail = "metering-service knows no consumption for meter " + meter;
                    break;
                }
                mine.add(p);
            }
            if (c.status == null) {
                c.periods = mine;
            }
        }
    }

    private void price(Run run, Candidate c) {
        try {
            List<Explanation.MeterCharge> charges = new ArrayList<>();
            long total = 0;
            for (MeterPeriod p : c.periods) {
                Utility utility = Utility.valueOf(p.utility());
                BigDecimal consumption = p.consumption() == null ? BigDecimal.ZERO : p.consumption();
                TariffMath.Charge charge = TariffMath.charge(run.tariffs().getOrDefault(utility, List.of()),
                        run.from(), run.to(), consumption, c.category);
                charges.add(new Explanation.MeterCharge(p.meterId(), p.utility(), p.unit(), p.startRegister(),
                        p.endRegister(), consumption, p.quality(), p.method(), charge.segments(),
                        charge.totalTiyn()));
                total += charge.totalTiyn();
            }
            c.invoiceId = UUID.randomUUID();
            c.explanation = new Explanation("INVOICE", c.number, run.period().toString(), run.from(), run.to(),
                    c.category, List.copyOf(charges), total, "KZT", TariffMath.ROUNDING_RULE, null, null);
        } catch (TariffMath.NoTariff | IllegalArgumentException e) {
            c.status = "PENDING";
            c.detail = "cannot price: " + e.getMessage();
        }
    }

    private Uni<Void> persist(SqlConnection conn, Run run, List<Candidate> all) {
        List<Candidate> priced = all.stream().filter(c -> c.status == null && c.explanation != null).toList();
        if (priced.isEmpty()) {
            return items(conn, run, all);
        }
        Instant now = Instant.now(clock);
        LocalDate due = LocalDate.ofInstant(now, config.timeZone()).plusDays(config.dueDays());
        List<String> numbers = priced.stream().map(c -> c.number).toList();
        return conn.preparedQuery("select number, auto_pay, webhook_url from account where number = any($1)"
                        + " order by number for update")
                .execute(Tuple.of(numbers.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, Row> accounts = new HashMap<>();
                    rows.forEach(r -> accounts.put(r.getString("number"), r));
                    List<String> autoPay = numbers.stream()
                            .filter(n -> accounts.containsKey(n) && accounts.get(n).getBoolean("auto_pay")).toList();
                    return Ledger.balances(conn, Ledger.Account.WALLET, autoPay).chain(wallets -> {
                        int n = priced.size();
                        UUID[] ids = new UUID[n];
                        String[] accs = new String[n];
                        Long[] totals = new Long[n];
                        Long[] settled = new Long[n];
                        String[] explanations = new String[n];
                        for (int i = 0; i < n; i++) {
                            Candidate c = priced.get(i);
                            ids[i] = c.invoiceId;
                            accs[i] = c.number;
                            totals[i] = c.explanation.totalTiyn();
                            long wallet = autoPay.contains(c.number) ? -wallets.getOrDefault(c.number, 0L) : 0;
                            settled[i] = Math.max(0, Math.min(wallet, totals[i]));
                            explanations[i] = write(c.explanation);
                        }
                        return conn.preparedQuery("""
                                        insert into invoice (id, account_number, kind, period, bill_key, total_tiyn,
                                            settled_tiyn, issued_at, due_date, run_id, explanation)
                                        select u.i, u.a, 'INVOICE', $6, u.a || '|' || $6, u.t, u.s, $7, $8, $9,
                                               u.e::jsonb
                                        from unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::text[])
                                             as u(i, a, t, s, e)
                                        on conflict (bill_key) do nothing
                                        returning id""")
                                .execute(Tuple.from(List.of(ids, accs, totals, settled, explanations,
                                        run.period().toString(), Db.at(now), due, run.id())))
                                .chain(inserted -> {
                                    Set<UUID> issued = new HashSet<>();
                                    inserted.forEach(r -> issued.add(r.getUUID("id")));
                                    Map<UUID, Long> settledById = new HashMap<>();
                                    for (int i = 0; i < n; i++) {
                                        settledById.put(ids[i], settled[i]);
                                    }
                                    for (Candidate c : priced) {
                                        if (!issued.contains(c.invoiceId)) {
                                            c.status = "ALREADY_INVOICED";
                                            c.invoiceId = null;
                                        } else {
                                            c.status = "INVOICED";
                                        }
                                    }
                                    List<Candidate> fresh = priced.stream().filter(c -> "INVOICED".equals(c.status))
                                            .toList();
                                    return lines(conn, fresh)
                                            .chain(() -> Ledger.post(conn, txns(fresh, settledById, now)))
                                            .chain(() -> lowBalance(conn, fresh, settledById, wallets, accounts))
                                            .chain(() -> items(conn, run, all));
                                });
                    });
                });
    }

    private Uni<Void> lines(SqlConnection conn, List<Candidate> fresh) {
        List<UUID> invoice = new ArrayList<>();
        List<String> meter = new ArrayList<>();
        List<String> utility = new ArrayList<>();
        List<OffsetDateTime> start = new ArrayList<>();
        List<OffsetDateTime> end = new ArrayList<>();
        List<Numeric> quantity = new ArrayList<>();
        List<Long> amount = new ArrayList<>();
        for (Candidate c : fresh) {
            for (int i = 0; i < c.periods.size(); i++) {
                MeterPeriod p = c.periods.get(i);
                Explanation.MeterCharge charge = c.explanation.meters().get(i);
                invoice.add(c.invoiceId);
                meter.add(p.meterId());
                utility.add(p.utility());
                start.add(Db.at(p.from()));
                end.add(Db.at(p.to()));
                quantity.add(Numeric.create(charge.consumption()));
                amount.add(charge.amountTiyn());
            }
        }
        if (invoice.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        insert into invoice_line (invoice_id, meter_id, utility, period_start, period_end, quantity,
                                                  amount_tiyn)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[],
                                             $5::timestamptz[], $6::numeric[], $7::bigint[])""")
                .execute(Tuple.from(List.of(invoice.toArray(UUID[]::new), meter.toArray(String[]::new),
                        utility.toArray(String[]::new), start.toArray(OffsetDateTime[]::new),
                        end.toArray(OffsetDateTime[]::new), quantity.toArray(Numeric[]::new),
                        amount.toArray(Long[]::new))))
                .replaceWithVoid();
    }

    private static List<Ledger.Txn> txns(List<Candidate> fresh, Map<UUID, Long> settled, Instant now) {
        List<Ledger.Txn> txns = new ArrayList<>();
        for (Candidate c : fresh) {
            txns.add(invoiceTxn(c.invoiceId, "INVOICE", c.number, c.explanation, now));
            long paid = settled.get(c.invoiceId);
            if (paid > 0) {
                txns.add(new Ledger.Txn(UUID.randomUUID(), "WALLET_DEBIT", c.number, c.invoiceId.toString(), now,
                        List.of(Ledger.Entry.debit(Ledger.Account.WALLET, c.number, paid),
                                Ledger.Entry.credit(Ledger.Account.RECEIVABLE, c.number, paid))));
            }
        }
        return txns;
    }

    /** An invoice's transaction: the receivable debited with the total, each utility's revenue credited. */
    public static Ledger.Txn invoiceTxn(UUID invoiceId, String kind, String account, Explanation explanation,
                                        Instant now) {
        Map<String, Long> revenue = new LinkedHashMap<>();
        explanation.meters().forEach(m -> revenue.merge(m.utility(), m.amountTiyn(), Long::sum));
        List<Ledger.Entry> entries = new ArrayList<>();
        entries.add(Ledger.Entry.debit(Ledger.Account.RECEIVABLE, account, explanation.totalTiyn()));
        revenue.forEach((utility, amount) -> entries.add(Ledger.Entry.credit(Ledger.Account.REVENUE, utility,
                amount)));
        return new Ledger.Txn(UUID.randomUUID(), kind, account, invoiceId.toString(), now, entries);
    }

    private Uni<Void> lowBalance(SqlConnection conn, List<Candidate> fresh, Map<UUID, Long> settled,
                                 Map<String, Long> wallets, Map<String, Row> accounts) {
        List<Uni<Void>> warnings = new ArrayList<>();
        for (Candidate c : fresh) {
            Row account = accounts.get(c.number);
            if (account == null || !account.getBoolean("auto_pay")) {
                continue;
            }
            long before = -wallets.getOrDefault(c.number, 0L);
            long after = before - settled.get(c.invoiceId);
            boolean unpaid = settled.get(c.invoiceId) < c.explanation.totalTiyn();
            if (after < config.lowBalanceTiyn()) {
                String summary = "Wallet balance " + TariffMath.tiyn(after) + " is below "
                        + TariffMath.tiyn(config.lowBalanceTiyn())
                        + (unpaid ? "; invoice for " + c.explanation.period() + " not fully paid" : "");
                warnings.add(notices.alert(conn, c.number, "WALLET_LOW", Severity.WARNING, summary,
                                Map.of("period", c.explanation.period()))
                        .chain(() -> notices.webhook(conn, account.getString("webhook_url"), "WALLET_LOW", c.number,
                                summary, Map.of("walletTiyn", after, "thresholdTiyn", config.lowBalanceTiyn(),
                                        "invoiceId", c.invoiceId.toString()))));
            }
        }
        return warnings.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(warnings).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> items(SqlConnection conn, Run run, List<Candidate> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = all.size();
        String[] accounts = new String[n];
        String[] statuses = new String[n];
        UUID[] invoices = new UUID[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Candidate c = all.get(i);
            accounts[i] = c.number;
            statuses[i] = c.status;
            invoices[i] = c.invoiceId;
            details[i] = c.detail;
        }
        return conn.preparedQuery("""
                        insert into bill_run_item (run_id, account_number, status, invoice_id, detail, updated_at)
                        select $1, u.a, u.s, coalesce(u.i, (select id from invoice where bill_key = u.a || '|' || $7)),
                               u.d, $6
                        from unnest($2::text[], $3::text[], $4::uuid[], $5::text[]) as u(a, s, i, d)
                        on conflict (run_id, account_number) do update set status = excluded.status,
                            invoice_id = excluded.invoice_id, detail = excluded.detail,
                            updated_at = excluded.updated_at""")
                .execute(Tuple.from(List.of(run.id(), accounts, statuses, invoices, details,
                        Db.at(Instant.now(clock)), run.period().toString())))
                .replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
                                    .map(pending -> {
                                        Map<String, Long> byStatus = new LinkedHashMap<>();
                                        for (String s : List.of("INVOICED", "ALREADY_INVOICED", "PENDING",
                                                "NO_METERS")) {
                                            byStatus.put(s, 0L);
                                        }
                                        counts.forEach(r -> byStatus.put(r.getString("status"), r.getLong("n")));
                                        List<BillRunView.Pending> list = new ArrayList<>();
                                        pending.forEach(r -> list.add(new BillRunView.Pending(
                                                r.getString("account_number"), r.getString("detail"))));
                                        String[] accounts = run.getArrayOfStrings("accounts");
                                        return new BillRunView(id, run.getString("period"),
                                                run.getString("status"), run.getString("requested_by"),
                                                accounts == null ? null : accounts.length,
                                                byStatus.values().stream().mapToLong(Long::longValue).sum(),
                                                byStatus, list, Db.instant(run.getOffsetDateTime("started_at")),
                                                Db.instant(run.getOffsetDateTime("finished_at")),
                                                run.getString("error"));
                                    }));
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
