package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Instant;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;

/** Test helpers speaking the service's own API with real tokens. */
final class Billing {

    private Billing() {
    }

    static String operator() {
        return TestStack.token(Roles.OPERATOR, "op-aliya");
    }

    static String resident(String account) {
        return TestStack.token(Roles.RESIDENT, account);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Opens an account (with category, webhook, auto-pay) and gives it the meters as metering-service does: each
     * meter's history, published on the broker, names the account from long ago on.
     */
    static String account(String category, String webhook, boolean autoPay, String... meters) {
        String number = unique("AQ");
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Test holder\",\"address\":\"Abai st. 1\","
                        + "\"zone\":\"north\",\"socialCategory\":\"" + category + "\","
                        + (webhook == null ? "" : "\"webhookUrl\":\"" + webhook + "\",")
                        + "\"autoPay\":" + autoPay + "}")
                .when().post("/accounts").then().statusCode(201);
        for (String meter : meters) {
            meterHistory(meter, 1, new MeterAssignmentChanged.Assignment(number, LONG_AGO, null));
        }
        return number;
    }

    static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * Publishes a meter's account history as metering-service does ({@code aqkol/v1/metering/meter-assignments}) and
     * waits until billing's projection holds this version.
     */
    static void meterHistory(String meter, long version, MeterAssignmentChanged.Assignment... history) {
        publishHistory(meter, version, history);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (projectedVersion(meter) < version) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("billing did not take version " + version + " of meter " + meter
                        + "'s history");
            }
            sleep(20);
        }
    }

    /** Publishes a meter's account history as metering-service does, without waiting. */
    static void publishHistory(String meter, long version, MeterAssignmentChanged.Assignment... history) {
        try (MqttTestClient mqtt = TestStack.mqtt()) {
            mqtt.publish(Topics.METER_ASSIGNMENTS, Codec.write(new MeterAssignmentChanged(UUID.randomUUID(),
                    Instant.now(), meter, version, List.of(history), "test: assigned by the test")));
        }
    }

    /** The version of the meter's history billing's projection holds (0: none). */
    static long projectedVersion(String meter) {
        var rows = Arc.container().instance(Pool.class).get()
                .preparedQuery("select version from meter_assignment_version where meter_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(meter)).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
    }

    /** An adjustment proposed by one operator and approved by another: its document's id. */
    static String adjust(String account, String kind, long amount, String invoice) {
        String id = given().auth().oauth2(TestStack.token(Roles.OPERATOR, "op-aliya")).contentType("application/json")
                .body("{\"kind\":\"" + kind + "\",\"amountTiyn\":" + amount
                        + (invoice == null ? "" : ",\"invoiceId\":\"" + invoice + "\"") + ",\"reason\":\"test\"}")
                .when().post("/accounts/" + account + "/adjustments").then().statusCode(201).extract().path("id");
        return given().auth().oauth2(TestStack.token(Roles.OPERATOR, "op-bolat")).contentType("application/json")
                .body("{}").when().post("/adjustments/" + id + "/approval").then().statusCode(200)
                .extract().path("document");
    }

    /** The account's newest invoice (not a credit note) with something still open, or null. */
    static Map<String, Object> openInvoice(String account) {
        List<Map<String, Object>> invoices = given().auth().oauth2(resident(account)).when()
                .get("/me/invoices?limit=100").then().statusCode(200).extract().jsonPath().getList("items");
        return invoices.stream().filter(i -> !"CREDIT_NOTE".equals(i.get("kind"))
                && ((Number) i.get("openTiyn")).longValue() > 0).findFirst().orElse(null);
    }

    /** A tariff version: blocks as [upTo, price] pairs (upTo null for the last). */
    static JsonPath tariff(String utility, String effectiveFrom, long standing, String blocksJson,
                           String discountsJson) {
        return given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"utility\":\"" + utility + "\",\"effectiveFrom\":\"" + effectiveFrom + "\",\"unit\":\"M3\","
                        + "\"standingChargeTiyn\":" + standing + ",\"blocks\":" + blocksJson + ",\"discounts\":"
                        + discountsJson + ",\"reason\":\"test tariff for " + effectiveFrom + "\"}")
                .when().post("/tariffs").then().statusCode(201).extract().jsonPath();
    }

    /** Starts a bill run and waits for it to finish. */
    static JsonPath billRun(String period, List<String> accounts) {
        String list = accounts.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
        String id = given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"period\":\"" + period + "\",\"accounts\":[" + list + "]}")
                .when().post("/bill-runs").then().statusCode(202).extract().path("id");
        return awaitRun(id);
    }

    static JsonPath awaitRun(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = given().auth().oauth2(operator()).when().get("/bill-runs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                assertThat(run.getString("status")).as(run.prettify()).isEqualTo("COMPLETED");
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("bill run " + id + " did not finish");
    }

    /** A series' value on /q/metrics (0 when absent): {@code series} exactly, its labels containing {@code label}. */
    static double metric(String series, String label) {
        String page = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return page.lines().filter(l -> l.startsWith(series + "{") && l.contains(label)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    /** Waits (20 s at most) until the series reaches {@code atLeast}; metrics are recorded after the commit. */
    static void awaitMetricAtLeast(String series, String label, double atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (metric(series, label) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + "{" + label + "} stayed at " + metric(series, label)
                        + ", below " + atLeast);
            }
            sleep(100);
        }
    }

    static Map<String, String> runInvoices(String runId) {
        return given().auth().oauth2(operator()).when().get("/bill-runs/" + runId + "/invoices").then()
                .statusCode(200).extract().jsonPath().getMap("");
    }

    static JsonPath ledgerCheck() {
        return given().auth().oauth2(operator()).when().get("/ledger/check").then().statusCode(200).extract()
                .jsonPath();
    }

    static void assertLedgerOk() {
        JsonPath check = ledgerCheck();
        assertThat(check.getBoolean("ok")).as(check.prettify()).isTrue();
    }

    /** A resident's pay action: opens a payment intent and its checkout at the sandbox (201). */
    static JsonPath openIntent(String account, String key, long amount, boolean toWallet) {
        return given().auth().oauth2(resident(account)).contentType("application/json")
                .header("Idempotency-Key", key)
                .body("{\"amountTiyn\":" + amount + ",\"toWallet\":" + toWallet + "}")
                .when().post("/me/payments").then().statusCode(201).extract().jsonPath();
    }

    /**
     * The payer (or a test) acts on a checkout at the sandbox — {@code confirm}, {@code decline}, {@code refund} —
     * which calls billing back at once; the answer says what billing replied ({@code callbackStatus},
     * {@code callbackBody}).
     */
    static JsonPath sandbox(String reference, String action, String body) {
        return given().baseUri(PaymentSandboxResource.url()).contentType("application/json").body(body)
                .when().post("/checkouts/" + reference + "/" + action).then().statusCode(200).extract().jsonPath();
    }

    /** What billing answered the sandbox's callback; fails unless it is {@code status}. */
    static JsonPath callback(JsonPath sandboxAnswer, int status) {
        assertThat(sandboxAnswer.getInt("callbackStatus")).as(sandboxAnswer.prettify()).isEqualTo(status);
        return JsonPath.from(sandboxAnswer.getString("callbackBody"));
    }

    /** Pays through the provider: the pay action, the payer's confirmation; the payment as the resident lists it. */
    static JsonPath pay(String account, String key, long amount, boolean toWallet) {
        String reference = openIntent(account, key, amount, toWallet).getString("providerReference");
        String paymentId = callback(sandbox(reference, "confirm", ""), 200).getString("paymentId");
        assertThat(paymentId).isNotNull();
        return payment(account, paymentId);
    }

    /** One of the account's payments as {@code GET /me/payments} shows it. */
    static JsonPath payment(String account, String id) {
        JsonPath page = given().auth().oauth2(resident(account)).when().get("/me/payments?limit=200").then()
                .statusCode(200).extract().jsonPath();
        String path = "items.find { it.id == '" + id + "' }";
        assertThat(page.getMap(path)).as("payment " + id + " in " + page.prettify()).isNotNull();
        return page.setRootPath(path);
    }

    static JsonPath balance(String account) {
        return given().auth().oauth2(resident(account)).when().get("/me/balance").then().statusCode(200).extract()
                .jsonPath();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
