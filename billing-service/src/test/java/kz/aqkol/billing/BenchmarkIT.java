package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.devstack.OpenLoop;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The two benchmarks of docs/billing.md, skipped unless {@code -Daqkol.bench=true}:
 * <pre>./mvnw -B -pl billing-service -am verify -Daqkol.bench=true -Dit.test=BenchmarkIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 * (1) a bill run for 100,000 accounts, consumption served over HTTP by {@link FakeMetering}; (2) GET /me/invoices
 * at a fixed arrival rate (open loop: latency counts from when a request was due, so a slow server cannot hide its
 * queue), from 1,000 residents with their own tokens. Sizes: -Daqkol.bench.accounts, -Daqkol.bench.rates (a list),
 * -Daqkol.bench.seconds.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "aqkol.bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkIT {

    private static final int ACCOUNTS = Integer.getInteger("aqkol.bench.accounts", 100_000);
    private static final String RATES = System.getProperty("aqkol.bench.rates", "2000");
    private static final int SECONDS = Integer.getInteger("aqkol.bench.seconds", 30);
    private static final String PREFIX = "BN-";

    @Inject
    Pool pool;
    @TestHTTPResource("/")
    URL base;

    @Test
    @Order(1)
    void billRunForOneHundredThousandAccounts() {
        Billing.tariff("GAS", "2010-01-01", 50_000,
                "[{\"upTo\":100,\"priceTiyn\":2000},{\"upTo\":300,\"priceTiyn\":3000},{\"priceTiyn\":4500}]",
                "{\"PENSIONER\":50}");
        pool.query("insert into account (number, holder, address, zone, social_category, auto_pay, status,"
                        + " created_at) select '" + PREFIX + "' || lpad(i::text, 6, '0'), 'Bench holder ' || i,"
                        + " 'Bench st. ' || i, 'bench', case when i % 10 = 0 then 'PENSIONER' else 'NONE' end,"
                        + " i % 3 = 0 and i <= 300, 'ACTIVE', now() from generate_series(1, " + ACCOUNTS + ") i"
                        + " on conflict do nothing")
                .execute().await().atMost(Duration.ofMinutes(2));
        // each account's meter, as metering-service's history would have it since long ago
        pool.query("insert into meter_assignment (account_number, meter_id, valid_from) select '" + PREFIX
                        + "' || lpad(i::text, 6, '0'), 'BM-' || i, '-infinity' from generate_series(1, " + ACCOUNTS
                        + ") i on conflict do nothing")
                .execute().await().atMost(Duration.ofMinutes(2));
        // 100 auto-paying accounts, with money in their wallets
        for (int i = 3; i <= 300; i += 3) {
            given().auth().oauth2(TestStack.token(Roles.SERVICE, "kaspi-pay")).contentType("application/json")
                    .header("Idempotency-Key", "bench-" + i)
                    .body("{\"accountNumber\":\"" + PREFIX + String.format("%06d", i) + "\",\"amountTiyn\":1000000,"
                            + "\"toWallet\":true}")
                    .when().post("/payments").then().statusCode(201);
        }
        int before = FakeMetering.REQUESTS.get();
        long started = System.nanoTime();
        String id = given().auth().oauth2(operator()).contentType("application/json").body("{\"period\":\"2010-01\"}")
                .when().post("/bill-runs").then().statusCode(202).extract().path("id");
        JsonPath run;
        while (true) {
            run = given().auth().oauth2(operator()).when().get("/bill-runs/" + id).then().extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                break;
            }
            Billing.sleep(250);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double serverSeconds = Duration.between(Instant.parse(run.getString("startedAt")),
                Instant.parse(run.getString("finishedAt"))).toMillis() / 1000.0;
        System.out.printf("%nBENCH bill run: %d accounts, status %s, outcomes %s, %.1f s wall (%.1f s in the run),"
                        + " %.0f accounts/s, %d metering requests%n", ACCOUNTS, run.getString("status"),
                run.getMap("outcomes"), seconds, serverSeconds, ACCOUNTS / seconds,
                FakeMetering.REQUESTS.get() - before);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getLong("outcomes.INVOICED")).isGreaterThanOrEqualTo(ACCOUNTS);
        long checkStart = System.nanoTime();
        JsonPath check = Billing.ledgerCheck();
        System.out.printf("BENCH ledger check over %d transactions: ok=%s in %.1f s%n",
                check.getLong("transactions"), check.getBoolean("ok"), (System.nanoTime() - checkStart) / 1e9);
        assertThat(check.getBoolean("ok")).as(check.prettify()).isTrue();
    }

    @Test
    @Order(2)
    void myInvoicesAtAFixedRate() throws Exception {
        // as the database's owner (the service's runtime role may do neither): the maintenance autovacuum would
        // start on every table the bill run filled, done now rather than during the measurement, with fresh
        // statistics; and the bill run's writes flushed now rather than by a checkpoint in the middle of it
        try (Connection owner = TestStack.stack().postgres().connect("aqkol_test_billing");
             Statement statement = owner.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            tokens.add(TestStack.token(Roles.RESIDENT, PREFIX + String.format("%06d", i)));
        }
        try (OpenLoop load = new OpenLoop("http://" + base.getHost() + ":" + base.getPort(), 256)) {
            load.get("/me/invoices?limit=20", tokens, 1_000, 10); // warm-up
            for (String r : RATES.split(",")) {
                int rate = Integer.parseInt(r.trim());
                long[] latencies = load.get("/me/invoices?limit=20", tokens, rate, SECONDS);
                System.out.printf("%nBENCH GET /me/invoices: %d requests at %d/s for %d s: %s%n", latencies.length,
                        rate, SECONDS, OpenLoop.percentiles(latencies));
                assertThat(latencies).hasSize(rate * SECONDS);
                Billing.sleep(3_000);
            }
        }
    }
}
