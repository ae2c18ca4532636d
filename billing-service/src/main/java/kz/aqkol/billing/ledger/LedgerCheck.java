package kz.aqkol.billing.ledger;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ledger's invariants, checked over the whole ledger in one read-only snapshot: every transaction balances;
 * all entries sum to zero; each account's receivable equals what its invoices still have open; no wallet is
 * negative; cash equals the payments received and not refunded; every invoice and payment (and refund) has its
 * transaction.
 */
@Path("/ledger/check")
@ApplicationScoped
@Tag(name = "Ledger")
public class LedgerCheck {

    private static final int SHOWN = 20;

    private final Pool pool;

    LedgerCheck(Pool pool) {
        this.pool = pool;
    }

    @RegisterForReflection
    public record Result(boolean ok, long transactions, long entries, long sumTiyn, long debitsTiyn,
                         List<String> unbalancedTransactions, List<String> receivableMismatches,
                         List<String> negativeWallets, long cashTiyn, long paymentsTiyn,
                         List<String> invoicesWithoutTransaction, List<String> paymentsWithoutTransaction) {
    }

    private static final String TOTALS = "select count(distinct txn_id) as t, count(*) as e,"
            + " coalesce(sum(amount_tiyn), 0) as s,"
            + " coalesce(sum(amount_tiyn) filter (where amount_tiyn > 0), 0) as d from ledger_entry";
    private static final String UNBALANCED = "select txn_id::text from ledger_entry group by txn_id"
            + " having sum(amount_tiyn) <> 0 limit " + SHOWN;
    private static final String MISMATCHES = """
            with owed as (
                select party as account, sum(amount_tiyn) as ledger from ledger_entry
                where ledger_account = 'RECEIVABLE' group by party),
            open as (
                select account_number as account, sum(total_tiyn - settled_tiyn) as open
                from invoice where kind <> 'CREDIT_NOTE' group by account_number)
            select coalesce(o.account, i.account) || ': ledger ' || coalesce(o.ledger, 0)
                   || ', invoices open ' || coalesce(i.open, 0) as mismatch
            from owed o full join open i on o.account = i.account
            where coalesce(o.ledger, 0) <> coalesce(i.open, 0) """ + " limit " + SHOWN;
    private static final String NEGATIVE_WALLETS = """
            select party || ': ' || -sum(amount_tiyn) as wallet from ledger_entry
            where ledger_account = 'WALLET' group by party having sum(amount_tiyn) > 0 """ + " limit " + SHOWN;
    private static final String CASH = """
            select (select coalesce(sum(amount_tiyn), 0) from ledger_entry where ledger_account = 'CASH') as cash,
                   (select coalesce(sum(amount_tiyn), 0) from payment where refunded_at is null) as payments""";
    private static final String INVOICES_WITHOUT_TXN = """
            select i.id::text as id from invoice i where i.total_tiyn > 0 and not exists (
              select 1 from ledger_txn t where t.reference = i.id::text
                and t.kind in ('INVOICE', 'SUPPLEMENTARY', 'CREDIT_NOTE')) """ + " limit " + SHOWN;
    private static final String PAYMENTS_WITHOUT_TXN = """
            select p.id::text as id from payment p where not exists (select 1 from ledger_txn t
              where t.reference = p.id::text and t.kind in ('PAYMENT', 'TOP_UP'))
            or p.refunded_at is not null and not exists (select 1 from ledger_txn t
              where t.reference = p.id::text and t.kind = 'REFUND') """ + " limit " + SHOWN;

    private static final class Found {
        Row totals;
        Row cash;
        List<String> unbalanced;
        List<String> mismatches;
        List<String> wallets;
        List<String> invoices;
        List<String> payments;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Check the ledger's invariants; ok=false names what is wrong")
    public Uni<Result> check() {
        Found f = new Found();
        return pool.withTransaction(c -> c.query("set transaction isolation level repeatable read, read only")
                .execute()
                .chain(() -> c.query(TOTALS).execute()).invoke(r -> f.totals = r.iterator().next())
                .chain(() -> c.query(UNBALANCED).execute()).invoke(r -> f.unbalanced = strings(r))
                .chain(() -> c.query(MISMATCHES).execute()).invoke(r -> f.mismatches = strings(r))
                .chain(() -> c.query(NEGATIVE_WALLETS).execute()).invoke(r -> f.wallets = strings(r))
                .chain(() -> c.query(CASH).execute()).invoke(r -> f.cash = r.iterator().next())
                .chain(() -> c.query(INVOICES_WITHOUT_TXN).execute()).invoke(r -> f.invoices = strings(r))
                .chain(() -> c.query(PAYMENTS_WITHOUT_TXN).execute()).invoke(r -> f.payments = strings(r)))
                .map(x -> {
                    long sum = f.totals.getLong("s");
                    long cash = f.cash.getLong("cash");
                    long payments = f.cash.getLong("payments");
                    boolean ok = sum == 0 && f.unbalanced.isEmpty() && f.mismatches.isEmpty() && f.wallets.isEmpty()
                            && f.invoices.isEmpty() && f.payments.isEmpty() && cash == payments;
                    return new Result(ok, f.totals.getLong("t"), f.totals.getLong("e"), sum, f.totals.getLong("d"),
                            f.unbalanced, f.mismatches, f.wallets, cash, payments, f.invoices, f.payments);
                });
    }

    private static List<String> strings(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<String> list = new ArrayList<>();
        rows.forEach(r -> list.add(r.getString(0)));
        return list;
    }
}
