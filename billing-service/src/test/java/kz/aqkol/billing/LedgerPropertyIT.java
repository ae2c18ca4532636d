package kz.aqkol.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import kz.aqkol.billing.correction.CorrectionSettlement;
import kz.aqkol.devstack.test.OnVertx;
import org.junit.jupiter.api.Test;

/**
 * A property of the ledger over random histories, on the real database: whatever sequence of invoices (bill runs,
 * with and without auto-pay), payments, wallet top-ups, corrections (credit notes and supplementary invoices) and
 * adjustments approved by a second person (credits, debits, write-offs)
 * happens, every transaction balances, receivables equal what invoices have open, no wallet goes negative and cash
 * equals the money received. The seed is fixed (and printed), so a failure can be replayed.
 */
@QuarkusTest
class LedgerPropertyIT {

    private static final long SEED = Long.getLong("aqkol.ledger.seed", 20261126L);
    private static final int STEPS = Integer.getInteger("aqkol.ledger.steps", 60);

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    CorrectionSettlement corrections;

    @Test
    void randomInvoicesPaymentsCreditsAndTopUpsKeepTheLedgerBalanced() {
        Random random = new Random(SEED);
        Billing.tariff("GAS", "2017-01-01", 30_000,
                "[{\"upTo\":50,\"priceTiyn\":1999},{\"upTo\":120,\"priceTiyn\":2999},{\"priceTiyn\":4001}]",
                "{\"PENSIONER\":33,\"DISABLED\":100}");
        Billing.tariff("GAS", "2017-06-17", 31_000,
                "[{\"upTo\":60,\"priceTiyn\":2111},{\"priceTiyn\":3333}]", "{\"PENSIONER\":25}");
        List<String> accounts = new ArrayList<>();
        Map<String, String> meters = new HashMap<>();
        Map<String, YearMonth> nextMonth = new HashMap<>();
        Map<String, List<YearMonth>> billed = new HashMap<>();
        String[] categories = {"NONE", "PENSIONER", "DISABLED", "NONE"};
        for (int i = 0; i < 4; i++) {
            String meter = Billing.unique("PG");
            String account = Billing.account(categories[i], null, i % 2 == 0, meter);
            accounts.add(account);
            meters.put(account, meter);
            nextMonth.put(account, YearMonth.of(2017, 1));
            billed.put(account, new ArrayList<>());
        }
        List<String> history = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            String account = accounts.get(random.nextInt(accounts.size()));
            int op = random.nextInt(5);
            switch (op) {
                case 0 -> {
                    YearMonth month = nextMonth.get(account);
                    if (month.isAfter(YearMonth.of(2018, 12))) {
                        continue;
                    }
                    FakeMetering.set(meters.get(account), "GAS",
                            BigDecimal.valueOf(random.nextInt(250_000), 3).toPlainString(), "MEASURED");
                    Billing.billRun(month.toString(), List.of(account));
                    billed.get(account).add(month);
                    nextMonth.put(account, month.plusMonths(1));
                    history.add("invoice " + account + " " + month);
                }
                case 1 -> {
                    long amount = 1 + random.nextInt(400_000);
                    Billing.pay(account, UUID.randomUUID().toString(), amount, false);
                    history.add("pay " + account + " " + amount);
                }
                case 2 -> {
                    long amount = 1 + random.nextInt(200_000);
                    Billing.pay(account, UUID.randomUUID().toString(), amount, true);
                    history.add("top-up " + account + " " + amount);
                }
                case 3 -> {
                    List<YearMonth> months = billed.get(account);
                    if (months.isEmpty()) {
                        continue;
                    }
                    YearMonth month = months.get(random.nextInt(months.size()));
                    BigDecimal corrected = BigDecimal.valueOf(random.nextInt(250_000), 3);
                    correct(meters.get(account), month, corrected);
                    history.add("correct " + account + " " + month + " to " + corrected);
                }
                default -> {
                    String kind = List.of("CREDIT", "DEBIT", "WRITE_OFF").get(random.nextInt(3));
                    Map<String, Object> open = Billing.openInvoice(account);
                    if (kind.equals("WRITE_OFF") && open == null) {
                        continue;
                    }
                    long amount = kind.equals("WRITE_OFF")
                            ? 1 + random.nextInt(((Number) open.get("openTiyn")).intValue())
                            : 1 + random.nextInt(100_000);
                    String invoice = open != null && (kind.equals("WRITE_OFF")
                            || kind.equals("CREDIT") && random.nextBoolean()) ? (String) open.get("id") : null;
                    Billing.adjust(account, kind, amount, invoice);
                    history.add(kind.toLowerCase() + " " + account + " " + amount + (invoice == null ? ""
                            : " on " + invoice));
                }
            }
            JsonPath check = Billing.ledgerCheck();
            assertThat(check.getBoolean("ok"))
                    .as("seed %d, after %s:%n%s", SEED, history, check.prettify()).isTrue();
        }
        JsonPath check = Billing.ledgerCheck();
        assertThat(check.getLong("transactions")).isGreaterThan(STEPS / 2);
        assertThat(check.getLong("sumTiyn")).isZero();
    }

    @Test
    void theDatabaseRefusesToRewriteHistoryOrCommitAnUnbalancedTransaction() {
        Billing.tariff("HEAT", "2007-01-01", 0, "[{\"priceTiyn\":1}]", "{}");
        assertThatThrownBy(() -> pool.query("update tariff set standing_charge_tiyn = 0").execute()
                .await().atMost(java.time.Duration.ofSeconds(10))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.query("delete from tariff").execute()
                .await().atMost(java.time.Duration.ofSeconds(10))).hasMessageContaining("append-only");
        Billing.pay(Billing.account("NONE", null, false), UUID.randomUUID().toString(), 100, true);
        assertThatThrownBy(() -> pool.query("update ledger_entry set amount_tiyn = amount_tiyn * 2").execute()
                .await().atMost(java.time.Duration.ofSeconds(10))).hasMessageContaining("append-only");
        UUID txn = UUID.randomUUID();
        assertThatThrownBy(() -> pool.withTransaction(c -> c.preparedQuery("insert into ledger_txn (id, kind,"
                                + " account_number, reference, created_at) values ($1, 'TEST', 'x', $2, now())")
                        .execute(Tuple.of(txn, txn.toString()))
                        .chain(() -> c.preparedQuery("insert into ledger_entry (txn_id, ledger_account, party,"
                                + " amount_tiyn) values ($1, 'CASH', '-', 100)").execute(Tuple.of(txn))))
                .await().atMost(java.time.Duration.ofSeconds(10))).hasMessageContaining("does not balance");
        Billing.assertLedgerOk();
    }

    private void correct(String meter, YearMonth month, BigDecimal corrected) {
        OffsetDateTime start = month.atDay(5).atStartOfDay().atOffset(ZoneOffset.UTC);
        OnVertx.await(vertx, () -> pool.preparedQuery("""
                        insert into consumption_correction (id, meter_id, period_start, period_end,
                            previous_quantity, corrected_quantity, unit, reason, occurred_at, received_at)
                        values ($1, $2, $3, $4, 0, $5, 'M3', 'property test', now(), now())""")
                .execute(Tuple.of(UUID.randomUUID(), meter, start, start.plusDays(10), Numeric.create(corrected)))
                .replaceWithVoid());
        while (Boolean.TRUE.equals(OnVertx.await(vertx, corrections::settleNext))) {
            // settle every waiting correction (the scheduled job may take some first)
        }
    }
}
