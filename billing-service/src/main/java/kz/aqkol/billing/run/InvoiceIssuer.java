package kz.aqkol.billing.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.billing.account.Standing;
import kz.aqkol.billing.account.AccountStore;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.time.DbTimes;

/**
 * Issues a batch's priced invoices inside the caller's transaction: locks the accounts, inserts the invoices (a
 * period's invoice is unique per account by bill_key, so one issued meanwhile is found, not doubled), their lines,
 * their ledger transactions with the auto-pay debits of the wallets, and the WALLET_LOW notices.
 */
@ApplicationScoped
class InvoiceIssuer {

    private final AccountStore accountStore;
    private final BillingConfig config;
    private final Notices notices;
    private final ObjectMapper json;
    private final Clock clock;

    InvoiceIssuer(AccountStore accountStore, BillingConfig config, Notices notices, ObjectMapper json, Clock clock) {
        this.accountStore = accountStore;
        this.config = config;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
    }

    /** What became of each draft: INVOICED, or ALREADY_INVOICED if the period's invoice existed at insert. */
    Uni<List<Item>> issue(SqlConnection conn, BillRun run, List<InvoiceDraft> drafts) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now(clock);
        LocalDate due = LocalDate.ofInstant(now, config.timeZone()).plusDays(config.dueDays());
        List<String> numbers = drafts.stream().map(InvoiceDraft::account).toList();
        return accountStore.lockStandings(conn, numbers)
                .chain(accounts -> {
                    List<String> autoPay = numbers.stream()
                            .filter(n -> accounts.containsKey(n) && accounts.get(n).autoPay()).toList();
                    return Ledger.balances(conn, Ledger.Account.WALLET, autoPay).chain(wallets -> {
                        Map<UUID, Long> settled = new HashMap<>();
                        for (InvoiceDraft d : drafts) {
                            settled.put(d.id(), InvoicePostings.settledFromWallet(autoPay.contains(d.account()),
                                    wallets.getOrDefault(d.account(), 0L), d.totalTiyn()));
                        }
                        return insert(conn, run, drafts, settled, now, due).chain(issued -> {
                            List<InvoiceDraft> fresh = drafts.stream().filter(d -> issued.contains(d.id())).toList();
                            return lines(conn, fresh)
                                    .chain(() -> Ledger.post(conn, InvoicePostings.of(fresh, settled, now)))
                                    .chain(() -> lowBalance(conn, fresh, settled, wallets, accounts))
                                    .map(ignored -> drafts.stream().map(d -> issued.contains(d.id())
                                            ? new Item(d.account(), Outcome.INVOICED, d.id(), null)
                                            : new Item(d.account(), Outcome.ALREADY_INVOICED, null, null)).toList());
                        });
                    });
                });
    }

    /** The ids of the invoices inserted (those whose bill_key was free). */
    private Uni<Set<UUID>> insert(SqlConnection conn, BillRun run, List<InvoiceDraft> drafts,
                                 Map<UUID, Long> settled, Instant now, LocalDate due) {
        int n = drafts.size();
        UUID[] ids = new UUID[n];
        String[] accounts = new String[n];
        Long[] totals = new Long[n];
        Long[] paid = new Long[n];
        String[] explanations = new String[n];
        for (int i = 0; i < n; i++) {
            InvoiceDraft d = drafts.get(i);
            ids[i] = d.id();
            accounts[i] = d.account();
            totals[i] = d.totalTiyn();
            paid[i] = settled.get(d.id());
            explanations[i] = JsonText.write(json, d.explanation());
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
                .execute(Tuple.from(List.of(ids, accounts, totals, paid, explanations,
                        run.period().toString(), DbTimes.at(now), due, run.id())))
                .map(inserted -> {
                    Set<UUID> issued = new HashSet<>();
                    inserted.forEach(r -> issued.add(r.getUUID("id")));
                    return issued;
                });
    }

    /** One line per meter: its period, consumption and amount. */
    private Uni<Void> lines(SqlConnection conn, List<InvoiceDraft> fresh) {
        List<UUID> invoice = new ArrayList<>();
        List<String> meter = new ArrayList<>();
        List<String> utility = new ArrayList<>();
        List<OffsetDateTime> start = new ArrayList<>();
        List<OffsetDateTime> end = new ArrayList<>();
        List<Numeric> quantity = new ArrayList<>();
        List<Long> amount = new ArrayList<>();
        for (InvoiceDraft d : fresh) {
            for (int i = 0; i < d.periods().size(); i++) {
                MeterPeriod p = d.periods().get(i);
                Explanation.MeterCharge charge = d.explanation().meters().get(i);
                invoice.add(d.id());
                meter.add(p.meterId());
                utility.add(p.utility());
                start.add(DbTimes.at(p.from()));
                end.add(DbTimes.at(p.to()));
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

    /** WALLET_LOW (alert and webhook) for each auto-paying account whose wallet is below the threshold after. */
    private Uni<Void> lowBalance(SqlConnection conn, List<InvoiceDraft> fresh, Map<UUID, Long> settled,
                                 Map<String, Long> wallets, Map<String, Standing> accounts) {
        List<Uni<Void>> warnings = new ArrayList<>();
        for (InvoiceDraft d : fresh) {
            Standing account = accounts.get(d.account());
            if (account == null || !account.autoPay()) {
                continue;
            }
            long before = -wallets.getOrDefault(d.account(), 0L);
            long after = before - settled.get(d.id());
            boolean unpaid = settled.get(d.id()) < d.totalTiyn();
            if (after < config.lowBalanceTiyn()) {
                String period = d.explanation().period();
                String summary = "Wallet balance " + TariffMath.tiyn(after) + " is below "
                        + TariffMath.tiyn(config.lowBalanceTiyn())
                        + (unpaid ? "; invoice for " + period + " not fully paid" : "");
                warnings.add(notices.alert(conn, d.account(), "WALLET_LOW", Severity.WARNING, summary,
                                Map.of("period", period))
                        .chain(() -> notices.webhook(conn, account.webhookUrl(), "WALLET_LOW",
                                d.account(), summary, Map.of("walletTiyn", after, "thresholdTiyn",
                                        config.lowBalanceTiyn(), "invoiceId", d.id().toString()))));
            }
        }
        return warnings.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(warnings).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
    }
}
