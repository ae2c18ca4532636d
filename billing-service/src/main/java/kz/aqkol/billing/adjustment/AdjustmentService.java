package kz.aqkol.billing.adjustment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.account.Standing;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.dunning.DunningService;
import kz.aqkol.billing.invoice.Documents;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.payment.PaymentService;
import kz.aqkol.billing.payment.PaymentView;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.platform.audit.AuditEvent;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.time.DbTimes;

/**
 * Adjustments with four eyes. A proposal moves no money; the approval, by a person other than the proposer, issues
 * the document and posts the ledger in one transaction with the account locked, re-checking what the proposal
 * relied on (a write-off cannot give up more than is still open). Each step is appended to the audit chain in that
 * same transaction, under the resident's account, so it shows in their access log. Documents:
 * <ul>
 * <li>CREDIT: a credit note; it settles the named invoice's open amount first, the rest goes to the wallet
 * (ledger: debit ADJUSTMENT, credit RECEIVABLE and WALLET);</li>
 * <li>DEBIT: a supplementary invoice, open, due in the usual days, paid from the wallet at once for an auto-paying
 * account (ledger: debit RECEIVABLE, credit ADJUSTMENT);</li>
 * <li>WRITE_OFF: a credit note settling that much of the named invoice (ledger: debit BAD_DEBT, credit
 * RECEIVABLE).</li>
 * </ul>
 */
@ApplicationScoped
public class AdjustmentService {

    private static final String INSERT = """
            insert into adjustment (id, account_number, kind, amount_tiyn, invoice_id, reason, status, proposed_by,
                                    proposed_at)
            values ($1, $2, $3, $4, $5, $6, 'PROPOSED', $7, $8)""";
    private static final String FIND = "select " + Adjustment.COLUMNS + " from adjustment where id = $1";
    private static final String DECIDE = """
            update adjustment set status = $2, decided_by = $3, decided_at = $4, decision_note = $5,
                                  document_id = $6
            where id = $1""";
    private static final String INVOICE = """
            select account_number, kind, period, total_tiyn - settled_tiyn as open from invoice where id = $1""";

    private final Pool pool;
    private final AccountStore accounts;
    private final DunningService dunning;
    private final AuditLog audit;
    private final BillingConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    AdjustmentService(Pool pool, AccountStore accounts, DunningService dunning, AuditLog audit, BillingConfig config,
                      ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.accounts = accounts;
        this.dunning = dunning;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** The invoice an adjustment names, as it stands. */
    private record Target(String period, String kind, long open) {
    }

    public Uni<Adjustment> propose(String account, AdjustmentRequest request, Caller by) {
        person(by);
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> accounts.lockStanding(c, account).chain(standing -> {
            if (standing == null) {
                throw ProblemException.notFound("account", account);
            }
            return target(c, request.invoiceId(), account).chain(target -> {
                check(request.kind(), request.amountTiyn(), request.invoiceId(), target);
                Adjustment a = new Adjustment(UUID.randomUUID(), account, request.kind(), request.amountTiyn(),
                        request.invoiceId(), request.reason(), Adjustment.Status.PROPOSED, by.name(), now, null, null,
                        null, null);
                return c.preparedQuery(INSERT).execute(Tuple.tuple(Arrays.asList(a.id(), account, a.kind().name(),
                                a.amountTiyn(), a.invoiceId(), a.reason(), by.name(), DbTimes.at(now))))
                        .chain(() -> audit.append(c, event(by, "PROPOSE_ADJUSTMENT", a, describe(a))))
                        .replaceWith(a);
            });
        }));
    }

    public Uni<Adjustment> approve(UUID id, Decision decision, Caller by) {
        person(by);
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> waiting(c, id).chain(a -> {
            if (a.proposedBy().equals(by.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "four eyes: adjustment " + id + " was proposed by "
                        + by.name() + "; another person must approve it");
            }
            return accounts.lockStanding(c, a.accountNumber()).chain(standing -> target(c, a.invoiceId(),
                    a.accountNumber()).chain(target -> {
                check(a.kind(), a.amountTiyn(), a.invoiceId(), target);
                UUID document = UUID.randomUUID();
                String note = decision == null ? null : decision.note();
                return post(c, a, target, standing, document, by, now)
                        .chain(() -> c.preparedQuery(DECIDE).execute(Tuple.tuple(Arrays.asList(id, "APPROVED",
                                by.name(), DbTimes.at(now), note, document))))
                        .chain(() -> audit.append(c, event(by, "APPROVE_ADJUSTMENT", a, describe(a)
                                + "; proposed by " + a.proposedBy() + "; document " + document)))
                        .chain(() -> find(c, id));
            }));
        }));
    }

    /** Turned down by a second person, or withdrawn by the proposer; no money moves. */
    public Uni<Adjustment> reject(UUID id, Decision decision, Caller by) {
        person(by);
        if (decision == null || decision.note() == null || decision.note().isBlank()) {
            throw ProblemException.invalid("note", "must say why the adjustment is rejected");
        }
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> waiting(c, id).chain(a -> c.preparedQuery(DECIDE)
                .execute(Tuple.tuple(Arrays.asList(id, "REJECTED", by.name(), DbTimes.at(now), decision.note(),
                        null)))
                .chain(() -> audit.append(c, event(by, a.proposedBy().equals(by.name()) ? "WITHDRAW_ADJUSTMENT"
                        : "REJECT_ADJUSTMENT", a, describe(a) + "; " + decision.note())))
                .chain(() -> find(c, id))));
    }

    public Uni<Adjustment> find(UUID id) {
        return pool.withConnection(c -> find(c, id));
    }

    /** Up to {@code rows} adjustments, newest first, of one status and/or account if given, before {@code before}. */
    public Uni<List<Adjustment>> page(Adjustment.Status status, String account, Instant before, int rows) {
        return pool.preparedQuery("select " + Adjustment.COLUMNS + " from adjustment"
                        + " where ($1::text is null or status = $1) and ($2::text is null or account_number = $2)"
                        + " and proposed_at < $3 order by proposed_at desc, id limit $4")
                .execute(Tuple.tuple(Arrays.asList(status == null ? null : status.name(), account,
                        DbTimes.at(before == null ? Instant.now(clock).plusSeconds(1) : before), rows)))
                .map(result -> Rows.map(result, Adjustment::of));
    }

    private Uni<Adjustment> find(SqlConnection c, UUID id) {
        return c.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
            Adjustment a = Rows.first(rows, Adjustment::of);
            if (a == null) {
                throw ProblemException.notFound("adjustment", id);
            }
            return a;
        });
    }

    /** The adjustment, locked, if it still waits for a decision. */
    private Uni<Adjustment> waiting(SqlConnection c, UUID id) {
        return c.preparedQuery(FIND + " for update").execute(Tuple.of(id)).map(rows -> {
            Adjustment a = Rows.first(rows, Adjustment::of);
            if (a == null) {
                throw ProblemException.notFound("adjustment", id);
            }
            if (a.status() != Adjustment.Status.PROPOSED) {
                throw ProblemException.conflict("adjustment " + id + " was " + a.status().name().toLowerCase()
                        + " by " + a.decidedBy() + " at " + a.decidedAt());
            }
            return a;
        });
    }

    private static void person(Caller by) {
        if (!by.isPerson()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "adjustments are proposed and approved by people");
        }
    }

    private Uni<Target> target(SqlConnection c, UUID invoice, String account) {
        if (invoice == null) {
            return Uni.createFrom().nullItem();
        }
        return c.preparedQuery(INVOICE).execute(Tuple.of(invoice)).map(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            if (row == null || !account.equals(row.getString("account_number"))
                    || "CREDIT_NOTE".equals(row.getString("kind"))) {
                throw ProblemException.invalid("invoiceId", "is not an invoice of account " + account);
            }
            return new Target(row.getString("period"), row.getString("kind"), row.getLong("open"));
        });
    }

    private static void check(Adjustment.Kind kind, long amount, UUID invoice, Target target) {
        if (kind == Adjustment.Kind.WRITE_OFF) {
            if (invoice == null) {
                throw ProblemException.invalid("invoiceId", "is required for a write-off");
            }
            if (amount > target.open()) {
                throw ProblemException.unprocessable("a write-off of " + TariffMath.tiyn(amount) + " exceeds the "
                        + TariffMath.tiyn(target.open()) + " still open on invoice " + invoice);
            }
        }
    }

    /** The document and its ledger transaction (and what follows from them), in the approval's transaction. */
    private Uni<Void> post(SqlConnection c, Adjustment a, Target target, Standing standing, UUID document,
                           Caller by, Instant now) {
        String account = a.accountNumber();
        long amount = a.amountTiyn();
        YearMonth month = target != null ? YearMonth.parse(target.period())
                : YearMonth.from(LocalDate.ofInstant(now, config.timeZone()));
        String note = label(a.kind()) + ": " + a.reason() + " (adjustment " + a.id() + ", proposed by "
                + a.proposedBy() + ", approved by " + by.name() + ")";
        boolean debit = a.kind() == Adjustment.Kind.DEBIT;
        Explanation explanation = new Explanation(a.kind().name(), account, month.toString(), month.atDay(1),
                month.plusMonths(1).atDay(1), standing.socialCategory(), List.of(), amount, "KZT", TariffMath.ROUNDING_RULE,
                a.invoiceId(), note);
        LocalDate due = LocalDate.ofInstant(now, config.timeZone()).plusDays(config.dueDays());
        long applied = a.invoiceId() == null || debit ? 0 : Math.min(amount, target.open());
        List<Ledger.Entry> entries = switch (a.kind()) {
            case CREDIT -> List.of(Ledger.Entry.debit(Ledger.Account.ADJUSTMENT, account, amount),
                    Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, applied),
                    Ledger.Entry.credit(Ledger.Account.WALLET, account, amount - applied));
            case DEBIT -> List.of(Ledger.Entry.debit(Ledger.Account.RECEIVABLE, account, amount),
                    Ledger.Entry.credit(Ledger.Account.ADJUSTMENT, account, amount));
            case WRITE_OFF -> List.of(Ledger.Entry.debit(Ledger.Account.BAD_DEBT, account, amount),
                    Ledger.Entry.credit(Ledger.Account.RECEIVABLE, account, amount));
        };
        String kind = debit ? "SUPPLEMENTARY" : "CREDIT_NOTE";
        return Documents.issue(c, new Documents.Document(document, account, kind, month.toString(), a.invoiceId(),
                        amount, debit ? 0 : amount, now, due, JsonText.write(json, explanation), note))
                .chain(() -> applied == 0 ? Uni.createFrom().voidItem()
                        : PaymentService.settleInvoices(c, List.of(new PaymentView.Settled(a.invoiceId(), applied))))
                .chain(() -> Ledger.post(c, new Ledger.Txn(UUID.randomUUID(), kind, account, document.toString(), now,
                        entries)))
                .chain(() -> debit
                        ? standing.autoPay() ? PaymentService.payFromWallet(c, account, document, amount, now)
                        : Uni.createFrom().voidItem()
                        : dunning.release(c, account).replaceWithVoid());
    }

    private static String label(Adjustment.Kind kind) {
        return switch (kind) {
            case CREDIT -> "Credit";
            case DEBIT -> "Charge";
            case WRITE_OFF -> "Written off";
        };
    }

    private static String describe(Adjustment a) {
        return a.kind() + " of " + TariffMath.tiyn(a.amountTiyn())
                + (a.invoiceId() == null ? "" : " on invoice " + a.invoiceId());
    }

    private static AuditEvent event(Caller by, String action, Adjustment a, String detail) {
        return new AuditEvent(by.name(), by.role(), action, "adjustment", a.id().toString(), a.accountNumber(),
                a.reason(), detail);
    }
}
