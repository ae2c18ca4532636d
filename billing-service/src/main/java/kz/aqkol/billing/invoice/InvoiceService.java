package kz.aqkol.billing.invoice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;

/**
 * Reading invoices. Every lookup names the account it belongs to: an invoice of another account is answered as if
 * it did not exist (404), which is how {@code /me/...} stays scoped to the caller.
 */
@ApplicationScoped
public class InvoiceService {

    private static final String COLUMNS = "id, account_number, kind, period, total_tiyn, settled_tiyn, currency,"
            + " issued_at, due_date, disputed, original_id, note";

    private final Pool pool;
    private final Notices notices;
    private final Clock clock;

    InvoiceService(Pool pool, Notices notices, Clock clock) {
        this.pool = pool;
        this.notices = notices;
        this.clock = clock;
    }

    /** Newest first; {@code after}: the last id of the previous page. */
    public Uni<List<InvoiceView>> list(String account, UUID after, int rows) {
        // two statements rather than one with "$2 is null or ...": each keeps a plan that walks the index
        var query = after == null
                ? pool.preparedQuery("select " + COLUMNS + " from invoice where account_number = $1"
                        + " order by issued_at desc, id desc limit $2").execute(Tuple.of(account, rows))
                : pool.preparedQuery("select " + COLUMNS + " from invoice where account_number = $1"
                        + " and (issued_at, id) < (select issued_at, id from invoice"
                        + " where id = $2 and account_number = $1)"
                        + " order by issued_at desc, id desc limit $3").execute(Tuple.of(account, after, rows));
        return query.map(result -> {
            List<InvoiceView> list = new ArrayList<>();
            result.forEach(r -> list.add(view(r, null)));
            return list;
        });
    }

    public Uni<InvoiceView> get(String account, UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from invoice where id = $1 and account_number = $2")
                .execute(Tuple.of(id, account))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("invoice", id);
                    }
                    Row invoice = rows.iterator().next();
                    return pool.preparedQuery("select meter_id, utility, quantity, amount_tiyn from invoice_line"
                                    + " where invoice_id = $1 order by meter_id")
                            .execute(Tuple.of(id))
                            .map(lines -> {
                                List<InvoiceView.Line> list = new ArrayList<>();
                                lines.forEach(l -> list.add(new InvoiceView.Line(l.getString("meter_id"),
                                        l.getString("utility"), l.getBigDecimal("quantity").stripTrailingZeros(),
                                        l.getLong("amount_tiyn"))));
                                return view(invoice, list);
                            });
                });
    }

    /** The explanation stored with the invoice, as computed when it was issued (JSON). */
    public Uni<String> explanation(String account, UUID id) {
        return pool.preparedQuery("select explanation from invoice where id = $1 and account_number = $2")
                .execute(Tuple.of(id, account))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("invoice", id);
                    }
                    return rows.iterator().next().getValue("explanation").toString();
                });
    }

    /** What an account owes and holds, derived from ledger entries. */
    public record Balance(String accountNumber, long owedTiyn, long walletTiyn, String currency) {
    }

    public Uni<Balance> balance(String account) {
        return pool.withConnection(c -> Ledger.balance(c, Ledger.Account.RECEIVABLE, account)
                .chain(owed -> Ledger.wallet(c, account).map(w -> new Balance(account, owed, w, "KZT"))));
    }

    /** A dispute; {@code defersDunning}: whether it keeps the invoice out of dunning now. */
    public record DisputeView(UUID id, UUID invoiceId, String reason, Instant openedAt, Instant resolvedAt,
                              String resolution, boolean defersDunning) {
    }

    /**
     * A resident disputes an invoice and operators are alerted. An invoice has one open dispute at a time (a second
     * is refused, 409), and a dispute defers dunning once per invoice: the first flags the invoice (left out of
     * dunning) until resolved; a later one is recorded and alerted, but dunning goes on, so that disputing again and
     * again cannot hold off dunning for ever.
     */
    public Uni<DisputeView> dispute(String account, UUID invoiceId, String reason) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> c.preparedQuery("select id from invoice where id = $1 and account_number = $2"
                        + " for update").execute(Tuple.of(invoiceId, account))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("invoice", invoiceId);
                    }
                    return c.preparedQuery("""
                                    insert into dispute (id, invoice_id, account_number, reason, opened_at)
                                    values ($1, $2, $3, $4, $5) on conflict do nothing""")
                            .execute(Tuple.of(id, invoiceId, account, reason, DbTimes.at(now)));
                })
                .chain(inserted -> {
                    if (inserted.rowCount() == 0) {
                        throw ProblemException.conflict("invoice " + invoiceId + " is disputed already");
                    }
                    return c.preparedQuery("select count(*) = 1 as first from dispute where invoice_id = $1")
                            .execute(Tuple.of(invoiceId));
                })
                .chain(rows -> {
                    boolean defers = rows.iterator().next().getBoolean("first");
                    Uni<Void> flag = defers ? c.preparedQuery("update invoice set disputed = true where id = $1")
                            .execute(Tuple.of(invoiceId)).replaceWithVoid() : Uni.createFrom().voidItem();
                    String summary = "Invoice " + invoiceId + " disputed by the resident" + (defers ? ""
                            : " again; dunning is not deferred a second time");
                    return flag.chain(() -> notices.alert(c, account, "INVOICE_DISPUTED", Severity.WARNING, summary,
                                    Map.of("invoice", invoiceId.toString())))
                            .replaceWith(new DisputeView(id, invoiceId, reason, now, null, null, defers));
                }));
    }

    /** An operator closes a dispute; the invoice is no longer flagged. */
    public Uni<DisputeView> resolve(UUID invoiceId, String resolution, String operator) {
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> c.preparedQuery("""
                        update dispute set resolved_at = $2, resolution = $3, resolved_by = $4
                        where invoice_id = $1 and resolved_at is null
                        returning id, account_number, reason, opened_at""")
                .execute(Tuple.of(invoiceId, DbTimes.at(now), resolution, operator))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("open dispute of invoice", invoiceId);
                    }
                    Row d = rows.iterator().next();
                    String account = d.getString("account_number");
                    return c.preparedQuery("update invoice set disputed = false where id = $1")
                            .execute(Tuple.of(invoiceId))
                            .chain(() -> notices.resolve(c, account, "INVOICE_DISPUTED", Severity.WARNING,
                                    "Dispute resolved: " + resolution))
                            .replaceWith(new DisputeView(d.getUUID("id"), invoiceId, d.getString("reason"),
                                    DbTimes.instant(d.getOffsetDateTime("opened_at")), now, resolution, false));
                }));
    }

    /** The account an invoice belongs to (for staff endpoints), 404 if none. */
    public Uni<String> owner(UUID id) {
        return pool.preparedQuery("select account_number from invoice where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("invoice", id);
                    }
                    return rows.iterator().next().getString("account_number");
                });
    }

    private static InvoiceView view(Row r, List<InvoiceView.Line> lines) {
        String kind = r.getString("kind");
        long total = r.getLong("total_tiyn");
        long settled = r.getLong("settled_tiyn");
        return new InvoiceView(r.getUUID("id"), r.getString("account_number"), kind, r.getString("period"), total,
                settled, "CREDIT_NOTE".equals(kind) ? 0 : total - settled, r.getString("currency"),
                InvoiceView.status(kind, total, settled), DbTimes.instant(r.getOffsetDateTime("issued_at")),
                r.getLocalDate("due_date"), r.getBoolean("disputed"), r.getUUID("original_id"), r.getString("note"),
                lines);
    }
}
