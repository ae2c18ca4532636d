package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaymentIT {

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndRefusesAChangedBody() {
        String account = Billing.account("NONE", null, false);
        String key = Billing.unique("key");
        Response first = given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150000}")
                .when().post("/me/payments");
        first.then().statusCode(201).contentType("application/json").body("toWalletTiyn", equalTo(150000));
        Response replay = given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150000}")
                .when().post("/me/payments");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(first.asString());

        given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150001}")
                .when().post("/me/payments").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(resident(account)).contentType("application/json")
                .body("{\"amountTiyn\":1}").when().post("/me/payments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(resident(account)).contentType("application/json").header("Idempotency-Key", "k")
                .body("{\"amountTiyn\":0}").when().post("/me/payments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("amountTiyn"));

        assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(150_000);
        // the payer sees it once in their list; another resident does not
        given().auth().oauth2(resident(account)).when().get("/me/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].amountTiyn", equalTo(150000))
                .body("items[0].channel", equalTo("RESIDENT"));
        given().auth().oauth2(resident(Billing.account("NONE", null, false))).when().get("/me/payments").then()
                .statusCode(200).body("items.size()", equalTo(0));
        Billing.assertLedgerOk();
    }

    @Test
    void fiftyConcurrentIdenticalPaymentsMakeExactlyOneLedgerTransaction() throws Exception {
        String account = Billing.account("NONE", null, false);
        String key = Billing.unique("burst");
        String token = resident(account);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Callable<Response> pay = () -> {
                    start.await();
                    return given().auth().oauth2(token).contentType("application/json")
                            .header("Idempotency-Key", key).body("{\"amountTiyn\":777700}")
                            .when().post("/me/payments").andReturn();
                };
                answers.add(pool.submit(pay));
            }
            start.countDown();
            List<String> bodies = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                bodies.add(response.asString());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        // one payment, one transaction: the wallet holds the amount once
        JsonPath balance = Billing.balance(account);
        assertThat(balance.getLong("walletTiyn")).isEqualTo(777_700);
        given().auth().oauth2(token).when().get("/me/ledger").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].kind", equalTo("PAYMENT"));
        given().auth().oauth2(token).when().get("/me/payments").then().statusCode(200)
                .body("items.size()", equalTo(1));
        JsonPath check = Billing.ledgerCheck();
        assertThat(check.getBoolean("ok")).as(check.prettify()).isTrue();
    }

    @Test
    void aProviderPaymentSettlesTheOldestInvoicesFirstAndTheRestGoesToTheWallet() {
        Billing.tariff("ELECTRICITY", "2015-01-01", 0, "[{\"priceTiyn\":1000}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "100", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String jan = Billing.runInvoices(Billing.billRun("2015-01", List.of(account)).getString("id")).get(account);
        String feb = Billing.runInvoices(Billing.billRun("2015-02", List.of(account)).getString("id")).get(account);
        assertThat(Billing.balance(account).getLong("owedTiyn")).isEqualTo(200_000);

        String provider = TestStack.token(Roles.SERVICE, "kaspi-pay");
        String key = Billing.unique("prov");
        JsonPath paid = given().auth().oauth2(provider).contentType("application/json")
                .header("Idempotency-Key", key)
                .body("{\"accountNumber\":\"" + account + "\",\"amountTiyn\":130000,\"providerReference\":\"tx-1\"}")
                .when().post("/payments").then().statusCode(201).extract().jsonPath();
        assertThat(paid.getString("settled[0].invoiceId")).isEqualTo(jan);
        assertThat(paid.getLong("settled[0].amountTiyn")).isEqualTo(100_000);
        assertThat(paid.getString("settled[1].invoiceId")).isEqualTo(feb);
        assertThat(paid.getLong("settled[1].amountTiyn")).isEqualTo(30_000);
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + jan).then().body("status",
                equalTo("PAID"));
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + feb).then().body("status",
                equalTo("PARTLY_PAID")).body("openTiyn", equalTo(70_000));

        // an overpayment: the rest of February, and 5,000 tiyn to the wallet
        JsonPath over = Billing.pay(account, Billing.unique("k"), 75_000, false);
        assertThat(over.getLong("toInvoicesTiyn")).isEqualTo(70_000);
        assertThat(over.getLong("toWalletTiyn")).isEqualTo(5_000);
        JsonPath balance = Billing.balance(account);
        assertThat(balance.getLong("owedTiyn")).isZero();
        assertThat(balance.getLong("walletTiyn")).isEqualTo(5_000);

        // the resident's own ledger says where every tiyn went, and adds up to the balances
        JsonPath ledger = given().auth().oauth2(resident(account)).when().get("/me/ledger").then().statusCode(200)
                .extract().jsonPath();
        assertThat(ledger.getList("items.kind")).containsExactly("PAYMENT", "PAYMENT", "INVOICE", "INVOICE");
        assertThat(ledger.getList("items.owedChangeTiyn", Long.class)).containsExactly(-70_000L, -130_000L,
                100_000L, 100_000L);
        assertThat(ledger.getList("items.walletChangeTiyn", Long.class)).containsExactly(5_000L, 0L, 0L, 0L);
        given().auth().oauth2(resident(account)).when().get("/me/ledger?limit=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("next", org.hamcrest.Matchers.notNullValue());

        // only services report provider payments, and they must name the account
        given().auth().oauth2(resident(account)).contentType("application/json").header("Idempotency-Key", "x")
                .body("{\"accountNumber\":\"" + account + "\",\"amountTiyn\":1}").when().post("/payments").then()
                .statusCode(403);
        given().auth().oauth2(provider).contentType("application/json").header("Idempotency-Key", "y")
                .body("{\"amountTiyn\":1}").when().post("/payments").then().statusCode(400)
                .body("errors[0].field", equalTo("accountNumber"));
        given().auth().oauth2(provider).contentType("application/json").header("Idempotency-Key", "z")
                .body("{\"accountNumber\":\"AQ-none\",\"amountTiyn\":1}").when().post("/payments").then()
                .statusCode(404).contentType("application/problem+json");
        Billing.assertLedgerOk();
    }
}
