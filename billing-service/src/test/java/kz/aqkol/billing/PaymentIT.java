package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.aqkol.billing.payment.IntentService;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.OnVertx;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.contracts.WebhookSigner;
import org.junit.jupiter.api.Test;

/**
 * Money moves only when the payment provider confirms it: a resident's pay action opens an intent and a checkout
 * at devstack's sandbox (a real HTTP server), and the sandbox's signed callback is what credits the account. Every
 * attack here goes through the real API with real tokens, and each refusal is shown to change nothing.
 */
@QuarkusTest
class PaymentIT {

    private static final String CALLBACKS = "/payments/providers/sandbox/callbacks";

    @Inject
    Vertx vertx;

    @Inject
    IntentService intents;

    /** What a resident's money looks like from everywhere it could have changed. */
    private record Money(long owed, long wallet, int ledgerTransactions, int payments, String status) {
    }

    private static Money money(String account) {
        JsonPath balance = Billing.balance(account);
        return new Money(balance.getLong("owedTiyn"), balance.getLong("walletTiyn"),
                given().auth().oauth2(resident(account)).when().get("/me/ledger?limit=200").then().statusCode(200)
                        .extract().jsonPath().getList("items").size(),
                given().auth().oauth2(resident(account)).when().get("/me/payments?limit=200").then().statusCode(200)
                        .extract().jsonPath().getList("items").size(),
                given().auth().oauth2(resident(account)).when().get("/me/account").then().statusCode(200)
                        .extract().path("status"));
    }

    private static String intentStatus(String account, String intent) {
        return given().auth().oauth2(resident(account)).when().get("/me/payment-intents/" + intent).then()
                .statusCode(200).extract().path("status");
    }

    /** An account with one invoice of 100,000 tiyn (100 kWh at 10 KZT), billed for {@code period} of 2015. */
    private static String billedAccount(String period) {
        Billing.tariff("ELECTRICITY", "2015-01-01", 0, "[{\"priceTiyn\":1000}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "100", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        Billing.billRun(period, List.of(account));
        return account;
    }

    /** A callback as the provider would send it, signed with {@code secret} at {@code timestamp}. */
    private static Response callback(String body, String secret, long timestamp) {
        return given().contentType("application/json").header(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE, WebhookSigner.sign(secret, timestamp, body)).body(body)
                .when().post(CALLBACKS);
    }

    private static String confirmation(String reference, long amount) {
        return "{\"reference\":\"" + reference + "\",\"event\":\"CONFIRMED\",\"amountTiyn\":" + amount
                + ",\"currency\":\"KZT\"}";
    }

    private static double metric(String name, String tag) {
        String page = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return page.lines().filter(l -> l.startsWith(name) && l.contains(tag)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    void aResidentCannotCreditThemselvesABlockedAccountStaysBlockedUntilTheProviderConfirms() {
        String account = billedAccount("2015-03");
        try {
            MutableClock.INSTANCE.advance(Duration.ofDays(66)); // due after 20 days: 46 days past due
            given().auth().oauth2(Billing.operator()).when().post("/dunning/runs").then().statusCode(200);
            Money before = money(account);
            assertThat(before).isEqualTo(new Money(100_000, 0, 1, 0, "BLOCKED"));

            // the attack of issue 13: a billion tenge "paid" by the resident's own say-so
            JsonPath intent = given().auth().oauth2(resident(account)).contentType("application/json")
                    .header("Idempotency-Key", Billing.unique("self")).body("{\"amountTiyn\":100000000000}")
                    .when().post("/me/payments").then().statusCode(201).extract().jsonPath();
            assertThat(intent.getString("status")).isEqualTo("PENDING");
            assertThat(intent.getString("provider")).isEqualTo("sandbox");
            assertThat(intent.getString("providerReference")).startsWith("sbx_");
            assertThat(intent.getString("checkoutUrl")).startsWith(PaymentSandboxResource.url() + "/checkouts/");
            assertThat(intent.getString("paymentId")).isNull();
            // nothing reached the ledger, the wallet, the invoices or dunning: the account is still blocked
            assertThat(money(account)).isEqualTo(before);
            Billing.assertLedgerOk();

            // naming another account is refused outright
            given().auth().oauth2(resident(account)).contentType("application/json")
                    .header("Idempotency-Key", Billing.unique("other"))
                    .body("{\"accountNumber\":\"AQ-someone-else\",\"amountTiyn\":100}").when().post("/me/payments")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("accountNumber"));

            // money the provider confirms is what counts: the arrears paid, the account unblocked
            Billing.pay(account, Billing.unique("real"), 100_000, false);
            assertThat(money(account)).isEqualTo(new Money(0, 0, 2, 1, "ACTIVE"));
            assertThat(intentStatus(account, intent.getString("id"))).isEqualTo("PENDING");
            Billing.assertLedgerOk();
        } finally {
            MutableClock.INSTANCE.reset();
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheIntentAndRefusesAChangedBody() {
        String account = Billing.account("NONE", null, false);
        String key = Billing.unique("key");
        Response first = given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150000,\"toWallet\":true}")
                .when().post("/me/payments");
        first.then().statusCode(201).contentType("application/json").body("purpose", equalTo("WALLET"));
        Response replay = given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150000,\"toWallet\":true}")
                .when().post("/me/payments");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(first.asString());

        given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":150001,\"toWallet\":true}")
                .when().post("/me/payments").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(resident(account)).contentType("application/json")
                .body("{\"amountTiyn\":1}").when().post("/me/payments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(resident(account)).contentType("application/json").header("Idempotency-Key", "k")
                .body("{\"amountTiyn\":0}").when().post("/me/payments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("amountTiyn"));
        // another resident's invoice cannot be named
        given().auth().oauth2(resident(account)).contentType("application/json").header("Idempotency-Key", "inv")
                .body("{\"amountTiyn\":10,\"invoiceId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .when().post("/me/payments").then().statusCode(404).contentType("application/problem+json");

        assertThat(money(account)).isEqualTo(new Money(0, 0, 0, 0, "ACTIVE"));
        Billing.callback(Billing.sandbox(first.jsonPath().getString("providerReference"), "confirm", ""), 200);
        assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(150_000);
        given().auth().oauth2(resident(account)).when().get("/me/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].amountTiyn", equalTo(150000))
                .body("items[0].channel", equalTo("PROVIDER:sandbox"));
        given().auth().oauth2(resident(Billing.account("NONE", null, false))).when().get("/me/payments").then()
                .statusCode(200).body("items.size()", equalTo(0));
        // another resident cannot see the intent
        given().auth().oauth2(resident(Billing.account("NONE", null, false))).when()
                .get("/me/payment-intents/" + first.jsonPath().getString("id")).then().statusCode(404);
        Billing.assertLedgerOk();
    }

    @Test
    void concurrentPayActionsOpenOneIntentAndRepeatedConfirmationsRecordOnePayment() throws Exception {
        String account = Billing.account("NONE", null, false);
        String key = Billing.unique("burst");
        String token = resident(account);
        List<Response> answers = concurrently(20, () -> given().auth().oauth2(token).contentType("application/json")
                .header("Idempotency-Key", key).body("{\"amountTiyn\":777700}").when().post("/me/payments")
                .andReturn());
        // each is the one intent, or told that it is under way (409): never a second intent
        List<String> bodies = new ArrayList<>();
        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isIn(201, 409);
            if (answer.statusCode() == 201) {
                bodies.add(answer.asString());
            }
        }
        String body = given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                .body("{\"amountTiyn\":777700}").when().post("/me/payments").then().statusCode(201).extract()
                .asString();
        assertThat(bodies).isNotEmpty().containsOnly(body);
        String reference = JsonPath.from(body).getString("providerReference");

        // the provider sends its confirmation ten times, all at once: one payment, one ledger transaction
        List<JsonPath> confirmations = concurrently(10, () -> Billing.sandbox(reference, "confirm", ""));
        for (JsonPath confirmation : confirmations) {
            assertThat(Billing.callback(confirmation, 200).getString("status")).isEqualTo("CONFIRMED");
        }
        Billing.callback(Billing.sandbox(reference, "confirm", ""), 200);
        assertThat(money(account)).isEqualTo(new Money(0, 777_700, 1, 1, "ACTIVE"));
        given().auth().oauth2(token).when().get("/me/ledger").then().statusCode(200)
                .body("items[0].kind", equalTo("PAYMENT")).body("items[0].walletChangeTiyn", equalTo(777700));
        Billing.assertLedgerOk();
    }

    @Test
    void forgedReplayedAndTamperedCallbacksAreRefusedAndChangeNothing() {
        String account = billedAccount("2015-04");
        JsonPath intent = Billing.openIntent(account, Billing.unique("k"), 100_000, false);
        String reference = intent.getString("providerReference");
        String body = confirmation(reference, 100_000);
        long now = Instant.now().getEpochSecond();
        Money before = money(account);

        // signed with another secret: a forger who does not hold the provider's
        callback(body, WebhookSigner.newKey(), now).then().statusCode(401).contentType("application/problem+json");
        // no signature at all
        given().contentType("application/json").body(body).when().post(CALLBACKS).then().statusCode(401)
                .contentType("application/problem+json");
        // the provider's real signature, but ten minutes old: a replay outside the window
        callback(body, PaymentSandboxResource.secret(), now - 600).then().statusCode(401)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("window"));
        // a genuine signature over one body, sent with another (the amount raised)
        given().contentType("application/json").header(WebhookSigner.TIMESTAMP, Long.toString(now))
                .header(WebhookSigner.SIGNATURE, WebhookSigner.sign(PaymentSandboxResource.secret(), now, body))
                .body(confirmation(reference, 100_000_000)).when().post(CALLBACKS).then().statusCode(401);
        // genuine, but for a checkout billing never opened; or for a provider billing does not know
        callback(confirmation("sbx_unknown", 100_000), PaymentSandboxResource.secret(), now).then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json").body(body).when().post("/payments/providers/nobody/callbacks")
                .then().statusCode(404).contentType("application/problem+json");

        assertThat(money(account)).isEqualTo(before);
        assertThat(intentStatus(account, intent.getString("id"))).isEqualTo("PENDING");
        Billing.assertLedgerOk();
    }

    @Test
    void aConfirmationOfAnotherAmountIsRefusedAndTheIntentIsUnchanged() {
        String account = billedAccount("2015-05");
        JsonPath intent = Billing.openIntent(account, Billing.unique("k"), 100_000, false);
        String reference = intent.getString("providerReference");
        double refusedBefore = metric("aqkol_billing_payment_callbacks_refused_total", "reason=\"amount\"");

        JsonPath refused = Billing.callback(Billing.sandbox(reference, "confirm", "{\"amountTiyn\":1}"), 422);
        assertThat(refused.getString("type")).isEqualTo("urn:aqkol:problem:unprocessable");
        assertThat(intentStatus(account, intent.getString("id"))).isEqualTo("PENDING");
        assertThat(money(account)).isEqualTo(new Money(100_000, 0, 1, 0, "ACTIVE"));
        assertThat(metric("aqkol_billing_payment_callbacks_refused_total", "reason=\"amount\""))
                .isEqualTo(refusedBefore + 1);

        // the right amount still confirms it
        Billing.callback(Billing.sandbox(reference, "confirm", "{\"amountTiyn\":100000}"), 200);
        assertThat(money(account)).isEqualTo(new Money(0, 0, 2, 1, "ACTIVE"));
        Billing.assertLedgerOk();
    }

    @Test
    void declinesAndExpiriesMoveNothing() {
        String account = billedAccount("2015-06");
        Money before = money(account);

        JsonPath declined = Billing.openIntent(account, Billing.unique("d"), 100_000, false);
        Billing.callback(Billing.sandbox(declined.getString("providerReference"), "decline", ""), 200);
        assertThat(intentStatus(account, declined.getString("id"))).isEqualTo("DECLINED");
        // a genuine confirmation after the decline is refused
        callback(confirmation(declined.getString("providerReference"), 100_000), PaymentSandboxResource.secret(),
                Instant.now().getEpochSecond()).then().statusCode(409).contentType("application/problem+json");

        JsonPath expiring = Billing.openIntent(account, Billing.unique("e"), 100_000, false);
        try {
            MutableClock.INSTANCE.advance(Duration.ofMinutes(31));
            assertThat(OnVertx.await(vertx, intents::expire)).isPositive();
            assertThat(intentStatus(account, expiring.getString("id"))).isEqualTo("EXPIRED");
            // the payer completing the checkout after its expiry is refused: the provider must return the money
            Billing.callback(Billing.sandbox(expiring.getString("providerReference"), "confirm", ""), 409);
        } finally {
            MutableClock.INSTANCE.reset();
        }
        assertThat(intentStatus(account, expiring.getString("id"))).isEqualTo("EXPIRED");
        assertThat(money(account)).isEqualTo(before);
        Billing.assertLedgerOk();
    }

    @Test
    void aRefundReversesThePaymentInTheLedgerAndReopensTheInvoice() {
        String account = billedAccount("2015-07");
        String invoice = given().auth().oauth2(resident(account)).when().get("/me/invoices").then().statusCode(200)
                .extract().path("items[0].id");
        JsonPath intent = Billing.openIntent(account, Billing.unique("k"), 130_000, false);
        String reference = intent.getString("providerReference");
        Billing.callback(Billing.sandbox(reference, "confirm", ""), 200);
        assertThat(money(account)).isEqualTo(new Money(0, 30_000, 2, 1, "ACTIVE"));

        JsonPath refunded = Billing.callback(Billing.sandbox(reference, "refund", ""), 200);
        assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
        // sent again, as a provider retries: still one reversal
        Billing.callback(Billing.sandbox(reference, "refund", ""), 200);
        assertThat(money(account)).isEqualTo(new Money(100_000, 0, 3, 1, "ACTIVE"));
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + invoice).then()
                .body("status", equalTo("OPEN")).body("openTiyn", equalTo(100_000));
        given().auth().oauth2(resident(account)).when().get("/me/ledger").then().statusCode(200)
                .body("items[0].kind", equalTo("REFUND")).body("items[0].owedChangeTiyn", equalTo(100_000))
                .body("items[0].walletChangeTiyn", equalTo(-30_000));
        given().auth().oauth2(resident(account)).when().get("/me/payments").then().statusCode(200)
                .body("items[0].refundedAt", org.hamcrest.Matchers.notNullValue());
        Billing.assertLedgerOk();
    }

    @Test
    void aProviderReportsPaymentsItselfButNoOtherServiceMay() {
        Billing.tariff("ELECTRICITY", "2015-01-01", 0, "[{\"priceTiyn\":1000}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "100", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String jan = Billing.runInvoices(Billing.billRun("2015-01", List.of(account)).getString("id")).get(account);
        String feb = Billing.runInvoices(Billing.billRun("2015-02", List.of(account)).getString("id")).get(account);
        assertThat(Billing.balance(account).getLong("owedTiyn")).isEqualTo(200_000);

        // another service's token, and a person's: refused, nothing credited
        String body = "{\"accountNumber\":\"" + account + "\",\"amountTiyn\":100000000000,\"toWallet\":true}";
        for (String token : List.of(TestStack.token(Roles.SERVICE, "metering-service"),
                TestStack.token(Roles.SERVICE, "alert-service"), resident(account), Billing.operator())) {
            given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", Billing.unique("x"))
                    .body(body).when().post("/payments").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        assertThat(money(account)).isEqualTo(new Money(200_000, 0, 2, 0, "ACTIVE"));

        String provider = TestStack.token(Roles.SERVICE, "kaspi-pay");
        JsonPath paid = given().auth().oauth2(provider).contentType("application/json")
                .header("Idempotency-Key", Billing.unique("prov"))
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

        // the same provider payment reported again under a new Idempotency-Key: refused, nothing credited twice
        given().auth().oauth2(provider).contentType("application/json")
                .header("Idempotency-Key", Billing.unique("prov"))
                .body("{\"accountNumber\":\"" + account + "\",\"amountTiyn\":130000,\"providerReference\":\"tx-1\"}")
                .when().post("/payments").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(Billing.balance(account).getLong("owedTiyn")).isEqualTo(70_000);

        // an overpayment through the checkout: the rest of February, and 5,000 tiyn to the wallet
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

        // a provider must name the account, and an existing one
        given().auth().oauth2(provider).contentType("application/json").header("Idempotency-Key", "y")
                .body("{\"amountTiyn\":1}").when().post("/payments").then().statusCode(400)
                .body("errors[0].field", equalTo("accountNumber"));
        given().auth().oauth2(provider).contentType("application/json").header("Idempotency-Key", "z")
                .body("{\"accountNumber\":\"AQ-none\",\"amountTiyn\":1}").when().post("/payments").then()
                .statusCode(404).contentType("application/problem+json");
        Billing.assertLedgerOk();
    }

    @Test
    void theProviderSendsThePayerBackOnlyToTheVillagesPortal() {
        String account = billedAccount("2015-09");
        Money before = money(account);
        // another site's page, a look-alike host, a user-info trick and a script: refused before any checkout
        for (String foreign : List.of("https://evil.example/me", "http://portal.test.evil.example:8080/me",
                "http://portal.test:8080@evil.example/me", "http://portal.test:9090/me", "javascript:alert(1)")) {
            given().auth().oauth2(resident(account)).contentType("application/json")
                    .header("Idempotency-Key", Billing.unique("foreign"))
                    .body("{\"amountTiyn\":100000,\"returnUrl\":\"" + foreign + "\"}").when().post("/me/payments")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("returnUrl"));
        }
        assertThat(money(account)).isEqualTo(before);

        // the portal's page is passed to the provider with the checkout
        String back = "http://portal.test:8080/me/payments/returned";
        JsonPath intent = given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", Billing.unique("portal"))
                .body("{\"amountTiyn\":100000,\"returnUrl\":\"" + back + "\"}").when().post("/me/payments")
                .then().statusCode(201).extract().jsonPath();
        String reference = intent.getString("providerReference");
        given().baseUri(PaymentSandboxResource.url()).when().get("/checkouts/" + reference).then().statusCode(200)
                .body("returnUrl", equalTo(back));

        // the payer's checkout page, and their Confirm: billing is called back, then the payer is sent home
        String page = given().baseUri(PaymentSandboxResource.url()).accept("text/html").when()
                .get("/checkouts/" + reference).then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertThat(page).contains("1\u00a0000.00\u00a0₸").contains(account)
                .contains("action=\"/checkouts/" + reference + "/confirm\"")
                .contains("action=\"/checkouts/" + reference + "/decline\"");
        given().baseUri(PaymentSandboxResource.url()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("from", "checkout-page").when().post("/checkouts/" + reference + "/confirm").then().statusCode(303)
                .header("Location", equalTo(back + "?reference=" + reference + "&order=" + intent.getString("id")));
        assertThat(intentStatus(account, intent.getString("id"))).isEqualTo("CONFIRMED");
        assertThat(money(account).owed()).isZero();
        Billing.assertLedgerOk();
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
