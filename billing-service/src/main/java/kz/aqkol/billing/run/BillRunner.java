package kz.aqkol.billing.run;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.tariff.TariffStore;
import kz.aqkol.platform.time.DbTimes;

/**
 * The steps of a bill run, batch by batch: fetch the accounts' consumption ({@link ConsumptionFetch}), price each
 * account ({@link InvoicePricing}, pure), then in one transaction per batch issue the invoices
 * ({@link InvoiceIssuer}) and record what became of every account ({@code bill_run_item}).
 */
@ApplicationScoped
class BillRunner {

    private final Pool pool;
    private final TariffStore tariffs;
    private final ConsumptionFetch consumption;
    private final InvoiceIssuer issuer;
    private final Clock clock;
    private final BillRunMetrics metrics;

    BillRunner(Pool pool, TariffStore tariffs, ConsumptionFetch consumption, InvoiceIssuer issuer, Clock clock,
               BillRunMetrics metrics) {
        this.pool = pool;
        this.tariffs = tariffs;
        this.consumption = consumption;
        this.issuer = issuer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Bills {@code accounts} (null: every account not CLOSED) for {@code period} under run {@code id}. */
    Uni<Void> run(UUID id, YearMonth period, List<String> accounts) {
        return tariffs.all(null).map(all -> BillRun.of(id, period, all))
                .chain(run -> consumption.inBatches(run, accounts, batch -> bill(run, batch)));
    }

    private Uni<Void> bill(BillRun run, List<Fetched> batch) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<InvoiceDraft> drafts = new ArrayList<>();
        for (Fetched f : batch) {
            if (f.item() != null) {
                items.put(f.account(), f.item());
                continue;
            }
            try {
                drafts.add(new InvoiceDraft(UUID.randomUUID(), f.metered().periods(),
                        InvoicePricing.explain(run, f.metered())));
                items.put(f.account(), null); // keeps the account's place; the issuer decides its outcome
            } catch (InvoicePricing.CannotPrice e) {
                items.put(f.account(), Item.pending(f.account(), e.getMessage()));
            }
        }
        return pool.withTransaction(conn -> issuer.issue(conn, run, drafts)
                        .invoke(issued -> issued.forEach(item -> items.put(item.account(), item)))
                        .chain(() -> record(conn, run, List.copyOf(items.values()))))
                .invoke(() -> metrics.accounts(List.copyOf(items.values()))); // counted once committed
    }

    /** One bill_run_item per account, replacing what an earlier attempt of the run recorded. */
    private Uni<Void> record(SqlConnection conn, BillRun run, List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = items.size();
        String[] accounts = new String[n];
        String[] outcomes = new String[n];
        UUID[] invoices = new UUID[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            accounts[i] = item.account();
            outcomes[i] = item.outcome().name();
            invoices[i] = item.invoiceId();
            details[i] = item.detail();
        }
        return conn.preparedQuery("""
                        insert into bill_run_item (run_id, account_number, status, invoice_id, detail, updated_at)
                        select $1, u.a, u.s, coalesce(u.i, (select id from invoice where bill_key = u.a || '|' || $7)),
                               u.d, $6
                        from unnest($2::text[], $3::text[], $4::uuid[], $5::text[]) as u(a, s, i, d)
                        on conflict (run_id, account_number) do update set status = excluded.status,
                            invoice_id = excluded.invoice_id, detail = excluded.detail,
                            updated_at = excluded.updated_at""")
                .execute(Tuple.from(List.of(run.id(), accounts, outcomes, invoices, details,
                        DbTimes.at(Instant.now(clock)), run.period().toString())))
                .replaceWithVoid();
    }
}
