package kz.aqkol.billing.correction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.dunning.DunningService;
import kz.aqkol.billing.invoice.Documents;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.payment.PaymentService;
import kz.aqkol.billing.payment.PaymentView;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.billing.tariff.TariffStore;
import kz.aqkol.billing.tariff.Utility;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.jobs.Waiting;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * Turns recorded corrections into documents. For a correction of a meter's billed period: the meter's charge is
 * recomputed for the corrected quantity under the same tariff versions and compared with what has been billed for
 * it so far (the original line plus earlier corrections); more → a supplementary invoice, less → a credit note
 * (applied to the original invoice's open amount, the rest to the wallet), both linked to the original. A
 * correction of an unbilled period needs nothing: the bill run will fetch the corrected consumption.
 */
@ApplicationScoped
public class CorrectionSettlement {

    private static final Logger LOG = Logger.getLogger(CorrectionSettlement.class);

    private final Pool pool;
    private final AccountStore accounts;
    private final TariffStore tariffs;
    private final DunningService dunning;
    private final BillingConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    CorrectionSettlement(Pool pool, AccountStore accounts, TariffStore tariffs, DunningService dunning, BillingConfig config,
                         ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.tariffs = tariffs;
        this.dunning = dunning;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.billing.corrections-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> settleWaiting() {
        return Waiting.any(pool, "select 1 from consumption_correction where settled_at is null")
                .chain(any -> any ? settleAll() : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.warnf("correction settlement paused: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Settles until none waits (the pass above asks first whether any does: {@link Waiting}). */
    private Uni<Void> settleAll() {
        return settleNext().onFailure().invoke(e -> LOG.warnf("correction settlement paused: %s", e.toString()))
                .onFailure().recoverWithItem(false)
                .chain(more -> more ? settleAll() : Uni.createFrom().voidItem());
    }

    /**
     * Settles the oldest waiting correction; false when none waits, or another replica is settling one. One at a
     * time across replicas ({@link PassLock}), in the order received: a correction is priced against what was billed
     * so far, earlier corrections included, so two settled side by side would each miss the other's document, and a
     * later correction settled before an earlier one would leave the earlier quantity billed.
     */
    public Uni<Boolean> settleNext() {
        return pool.withTransaction(c -> PassLock.ifTaken(c, "correction-settlement", () -> c.query("""
                        select id, meter_id, period_start, period_end, previous_quantity, corrected_quantity, reason
                        from consumption_correction where settled_at is null
                        order by received_at, id limit 1 for update""").execute()
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return settle(c, rows.iterator().next()).replaceWith(true);
                }), false));
    }

    private Uni<Void> settle(SqlConnection c, Row correction) {
        UUID id = correction.getUUID("id");
        return c.preparedQuery("""
                        select i.id, i.account_number, i.period, l.utility, l.period_start, a.social_category,
                               (select coalesce(sum(x.amount_tiyn), 0) from invoice_line x join invoice d
                                  on d.id = x.invoice_id
                                where x.meter_id = l.meter_id and x.period_start = l.period_start
                                  and (d.id = i.id or d.original_id = i.id)) as billed
                        from invoice_line l join invoice i on i.id = l.invoice_id
                        join account a on a.number = i.account_number
                        where l.meter_id = $1 and i.kind = 'INVOICE'
                          and l.period_start < $3 and l.period_end > $2
                        order by i.issued_at limit 1""")
                .execute(Tuple.of(correction.getString("meter_id"), correction.getOffsetDateTime("period_start"),
                        correction.getOffsetDateTime("period_end")))
                .chain(lines -> {
                    if (lines.size() == 0) {
                        return mark(c, id, null);
                    }
                    Row line = lines.iterator().next();
                    return accounts.lockStanding(c, line.getString("account_number"))
                            .chain(account -> document(c, correction, line, account.autoPay()));
                });
    }

    private Uni<Void> mark(SqlConnection c, UUID correction, UUID document) {
        return c.preparedQuery("update consumption_correction set settled_at = $2, settled_by = $3 where id = $1")
                .execute(Tuple.of(correction, DbTimes.at(Instant.now(clock)), document)).replaceWithVoid();
    }

    private Uni<Void> document(SqlConnection c, Row correction, Row line, boolean autoPay) {
        UUID original = line.getUUID("id");
        String account = line.getString("account_number");
        String period = line.getString("period");
        Utility utility = Utility.valueOf(line.getString("utility"));
        SocialCategory category = SocialCategory.valueOf(line.getString("social_category"));
        YearMonth month = YearMonth.parse(period);
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        BigDecimal corrected = correction.getBigDecimal("corrected_quantity");
        long billed = line.getLong("billed");
        return tariffs.all(c, utility).chain(versions -> {
            TariffMath.Charge charge = TariffMath.charge(versions, from, to, corrected, category);
            long delta = charge.totalTiyn() - billed;
            UUID correctionId = correction.getUUID("id");
            if (delta == 0) {
                return mark(c, correctionId, null);
            }
            boolean credit = delta < 0;
            long amount = Math.abs(delta);
            UUID doc = UUID.randomUUID();
            Instant now = Instant.now(clock);
            String meter = correction.getString("meter_id");
            String note = "Correction " + correctionId + " of meter " + meter + ": "
                    + correction.getBigDecimal("previous_quantity").stripTrailingZeros().toPlainString() + " → "
                    + corrected.stripTrailingZeros().toPlainString() + " (" + correction.getString("reason")
                    + "); billed so far " + TariffMath.tiyn(billed) + ", now " + TariffMath.tiyn(charge.totalTiyn())
                    + ", " + (credit ? "credited " : "charged ") + TariffMath.tiyn(amount);
            Explanation explanation = new Explanation(credit ? "CREDIT_NOTE" : "SUPPLEMENTARY", account, period, from,
                    to, category, List.of(new Explanation.MeterCharge(meter, utility.name(), null, null, null,
                    corrected, null, null, charge.segments(), charge.totalTiyn())), amount, "KZT",
                    TariffMath.ROUNDING_RULE, original, note);
            LocalDate due = LocalDate.ofInstant(now, config.timeZone()).plusDays(config.dueDays());
            return (credit ? c.preparedQuery("select total_tiyn - settled_tiyn as open from invoice where id = $1")
                    .execute(Tuple.of(original)).map(r -> Math.min(amount, r.iterator().next().getLong("open")))
                    : Uni.createFrom().item(0L))
                    .chain(applied -> Documents.issue(c, new Documents.Document(doc, account,
                                    credit ? "CREDIT_NOTE" : "SUPPLEMENTARY", period, original, amount,
                                    credit ? amount : 0L, now, due, JsonText.write(json, explanation), note))
                            .chain(() -> c.preparedQuery("""
                                            insert into invoice_line (invoice_id, meter_id, utility, period_start,
                                                period_end, quantity, amount_tiyn)
                                            select $1, meter_id, utility, period_start, period_end, $3, $4
                                            from invoice_line where invoice_id = $2 and meter_id = $5
                                              and period_start < $7 and period_end > $6""")
                                    .execute(Tuple.from(List.of(doc, original, Numeric.create(corrected.subtract(
                                            correction.getBigDecimal("previous_quantity"))), delta, meter,
                                            correction.getOffsetDateTime("period_start"),
                                            correction.getOffsetDateTime("period_end")))))
                            .chain(() -> credit
                                    ? PaymentService.settleInvoices(c, List.of(new PaymentView.Settled(original,
                                    applied)))
                                    : Uni.createFrom().voidItem())
                            .chain(() -> Ledger.post(c, new Ledger.Txn(UUID.randomUUID(),
                                    credit ? "CREDIT_NOTE" : "SUPPLEMENTARY", account, doc.toString(), now, credit
                                    ? List.of(Ledger.Entry.debit(Ledger.Account.REVENUE, utility.name(), amount),
                                    Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, applied),
                                    Ledger.Entry.credit(Ledger.Account.WALLET, account, amount - applied))
                                    : List.of(Ledger.Entry.debit(Ledger.Account.RECEIVABLE, account, amount),
                                    Ledger.Entry.credit(Ledger.Account.REVENUE, utility.name(), amount)))))
                            .chain(() -> credit ? dunning.release(c, account).replaceWithVoid()
                                    : autoPay ? PaymentService.payFromWallet(c, account, doc, amount, now)
                                    : Uni.createFrom().voidItem())
                            .chain(() -> mark(c, correctionId, doc)));
        });
    }
}
