package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.operator;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.correction.CorrectionSettlement;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CorrectionIT {

    private static void correct(String meter, String previous, String corrected) {
        try (MqttTestClient mqtt = TestStack.mqtt()) {
            mqtt.publish(Topics.CONSUMPTION_CORRECTIONS, "{\"id\":\"" + UUID.randomUUID() + "\","
                    + "\"occurredAt\":\"2019-05-03T10:00:00Z\",\"meterId\":\"" + meter + "\","
                    + "\"periodStart\":\"2019-04-10T00:00:00Z\",\"periodEnd\":\"2019-04-20T00:00:00Z\","
                    + "\"previousQuantity\":" + previous + ",\"correctedQuantity\":" + corrected + ","
                    + "\"unit\":\"M3\",\"reason\":\"late reading\"}");
        }
    }

    private static List<Map<String, Object>> awaitInvoices(String account, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Map<String, Object>> items = List.of();
        while (System.nanoTime() < deadline) {
            items = given().auth().oauth2(resident(account)).when().get("/me/invoices").then().statusCode(200)
                    .extract().jsonPath().getList("items");
            if (items.size() >= count) {
                return items;
            }
            Billing.sleep(200);
        }
        throw new AssertionError("expected " + count + " invoices, have " + items);
    }

    /** A gas meter whose account was billed 100 m³ for April 2019 (200,000 tiyn): the invoice to correct. */
    private record Billed(String meter, String account, String original) {

        static Billed april() {
            Billing.tariff("GAS", "2019-01-01", 0, "[{\"priceTiyn\":2000}]", "{}");
            String meter = Billing.unique("G");
            FakeMetering.set(meter, "GAS", "100", "MEASURED");
            String account = Billing.account("NONE", null, false, meter);
            return new Billed(meter, account, Billing.runInvoices(Billing.billRun("2019-04", List.of(account))
                    .getString("id")).get(account));
        }
    }

    @Test
    void correctionsBecomeACreditNoteOrASupplementaryInvoiceLinkedToTheOriginal() {
        Billed billed = Billed.april();
        String meter = billed.meter();
        String account = billed.account();
        String original = billed.original();
        assertThat(Billing.balance(account).getLong("owedTiyn")).isEqualTo(200_000);

        // less consumption: 100 → 60 m³, 80,000 tiyn credited against the original
        correct(meter, "100", "60");
        Map<String, Object> credit = awaitInvoices(account, 2).get(0);
        assertThat(credit).containsEntry("kind", "CREDIT_NOTE").containsEntry("originalInvoice", original)
                .containsEntry("totalTiyn", 80_000);
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + original).then()
                .body("openTiyn", equalTo(120_000));
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + credit.get("id") + "/explanation")
                .then().statusCode(200).body("note", org.hamcrest.Matchers.containsString("100 → 60"))
                .body("originalInvoice", equalTo(original));

        // more than billed so far: 60 → 130 m³, a supplementary invoice of 140,000
        correct(meter, "60", "130");
        Map<String, Object> more = awaitInvoices(account, 3).get(0);
        assertThat(more).containsEntry("kind", "SUPPLEMENTARY").containsEntry("originalInvoice", original)
                .containsEntry("totalTiyn", 140_000);
        assertThat(Billing.balance(account).getLong("owedTiyn")).isEqualTo(260_000);
        Billing.assertLedgerOk();
    }

    @Test
    void anAutoPayingAccountsSupplementaryInvoiceIsPaidFromItsWallet() {
        Billing.tariff("GAS", "2019-01-01", 0, "[{\"priceTiyn\":2000}]", "{}");
        String meter = Billing.unique("G");
        FakeMetering.set(meter, "GAS", "100", "MEASURED");
        String account = Billing.account("NONE", null, true, meter);
        Billing.pay(account, Billing.unique("top"), 1_000_000, true);
        Billing.billRun("2019-04", List.of(account));
        assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(800_000);
        correct(meter, "100", "150");
        Map<String, Object> more = awaitInvoices(account, 2).get(0);
        assertThat(more).containsEntry("kind", "SUPPLEMENTARY").containsEntry("totalTiyn", 100_000)
                .containsEntry("status", "PAID");
        JsonPath balance = Billing.balance(account);
        assertThat(balance.getLong("walletTiyn")).isEqualTo(700_000);
        assertThat(balance.getLong("owedTiyn")).isZero();
        Billing.assertLedgerOk();
    }

    @Inject
    Pool pool;

    @Inject
    CorrectionSettlement settlement;

    @Test
    void twoReplicasSettlingAtOnceSettleEachCorrectionOnceInTheOrderReceived() {
        Billed billed = Billed.april();
        // two corrections of the same period, the second received a second after the first
        waiting(billed.meter(), "100", "60", 2);
        waiting(billed.meter(), "60", "130", 1);

        // two replicas' passes at once, each settling until nothing waits for it
        Uni.combine().all().unis(settleAll(), settleAll()).discardItems().await().atMost(Duration.ofSeconds(60));

        List<Map<String, Object>> invoices = awaitInvoices(billed.account(), 3);
        // priced one after the other: the credit of 80,000 first, then 130 m³ against 60 billed so far
        assertThat(invoices).extracting(i -> i.get("kind") + " " + i.get("totalTiyn"))
                .containsExactlyInAnyOrder("INVOICE 200000", "CREDIT_NOTE 80000", "SUPPLEMENTARY 140000");
        assertThat(invoices).filteredOn(i -> !i.get("id").equals(billed.original()))
                .allSatisfy(i -> assertThat(i).containsEntry("originalInvoice", billed.original()));
        assertThat(Billing.balance(billed.account()).getLong("owedTiyn")).isEqualTo(260_000);
        Billing.assertLedgerOk();
    }

    private Uni<Void> settleAll() {
        return settlement.settleNext().chain(settled -> settled ? settleAll() : Uni.createFrom().voidItem());
    }

    private void waiting(String meter, String previous, String corrected, int secondsAgo) {
        pool.preparedQuery("""
                        insert into consumption_correction (id, meter_id, period_start, period_end,
                            previous_quantity, corrected_quantity, unit, reason, occurred_at, received_at)
                        values ($1, $2, '2019-04-10T00:00:00Z', '2019-04-20T00:00:00Z', $3, $4, 'M3', 'late reading',
                                now(), now() - make_interval(secs => $5))""")
                .execute(Tuple.of(UUID.randomUUID(), meter, Numeric.create(new BigDecimal(previous)),
                        Numeric.create(new BigDecimal(corrected)), (double) secondsAgo))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aDisputeFlagsTheInvoiceAlertsOperatorsAndIsResolved() {
        Billing.tariff("ELECTRICITY", "2012-01-01", 0, "[{\"priceTiyn\":500}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "200", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String id = Billing.runInvoices(Billing.billRun("2012-06", List.of(account)).getString("id")).get(account);
        try (MqttTestClient mqtt = TestStack.mqtt()) {
            mqtt.subscribe(Topics.ALERTS);
            given().auth().oauth2(resident(account)).contentType("application/json")
                    .body("{\"reason\":\"I was away all June\"}").when().post("/me/invoices/" + id + "/disputes")
                    .then().statusCode(201).body("invoiceId", equalTo(id));
            mqtt.await(m -> m.text().contains("INVOICE_DISPUTED") && m.text().contains(account),
                    Duration.ofSeconds(20));
        }
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + id).then().body("disputed",
                equalTo(true));
        given().auth().oauth2(resident(account)).contentType("application/json").body("{\"reason\":\"again\"}")
                .when().post("/me/invoices/" + id + "/disputes").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(resident(account)).contentType("application/json").body("{\"reason\":\"\"}")
                .when().post("/me/invoices/" + id + "/disputes").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"resolution\":\"readings confirmed by inspection\"}")
                .when().post("/invoices/" + id + "/disputes/resolution").then().statusCode(200)
                .body("resolution", equalTo("readings confirmed by inspection"));
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + id).then().body("disputed",
                equalTo(false));
    }

    @Test
    void staffReadsOfAResidentsBillingDataAreInTheirAccessLog() {
        Billing.tariff("ELECTRICITY", "2011-01-01", 0, "[{\"priceTiyn\":500}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "42", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String id = Billing.runInvoices(Billing.billRun("2011-06", List.of(account)).getString("id")).get(account);

        given().auth().oauth2(operator()).header("X-Purpose", "COMPLAINT; ticket 17").when().get("/invoices/" + id)
                .then().statusCode(200).body("accountNumber", equalTo(account));
        given().auth().oauth2(operator()).header("X-Purpose", "COMPLAINT; ticket 17").when()
                .get("/invoices/" + id + "/explanation").then().statusCode(200);
        given().auth().oauth2(operator()).header("X-Purpose", "BILLING").when()
                .get("/accounts/" + account + "/invoices").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(operator()).header("X-Purpose", "BILLING").when()
                .get("/accounts/" + account + "/balance").then().statusCode(200);
        given().auth().oauth2(operator()).header("X-Purpose", "BILLING").when()
                .get("/accounts/" + account).then().statusCode(200);

        JsonPath log = given().auth().oauth2(resident(account)).when().get("/me/access-log").then().statusCode(200)
                .extract().jsonPath();
        assertThat(log.getList("items.objectType")).contains("invoice", "invoice-explanation", "invoices", "balance",
                "account");
        assertThat(log.getList("items.who")).containsOnly("op-aliya");
        assertThat(log.getList("items.purpose")).contains("COMPLAINT: ticket 17", "BILLING");
        // the resident's own reads leave no trace
        given().auth().oauth2(resident(account)).when().get("/me/invoices/" + id).then().statusCode(200);
        assertThat(given().auth().oauth2(resident(account)).when().get("/me/access-log").then().extract()
                .jsonPath().getList("items")).hasSize(log.getList("items").size());
    }
}
