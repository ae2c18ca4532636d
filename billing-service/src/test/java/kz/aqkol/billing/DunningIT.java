package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.operator;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.contracts.WebhookSigner;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DunningIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(MqttTestClient.Received message) {
        try {
            return JSON.readTree(message.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode awaitMessage(MqttTestClient mqtt, String account, String field, String value) {
        return json(mqtt.await(m -> {
            JsonNode node = json(m);
            return (account.equals(node.path("accountNumber").asText())
                    || ("account:" + account).equals(node.path("subject").asText()))
                    && value.equals(node.path(field).asText());
        }, Duration.ofSeconds(20)));
    }

    private static String newWebhookKey(String account) {
        return given().auth().oauth2(resident(account)).when().post("/me/account/webhook-key").then().statusCode(200)
                .extract().path("key");
    }

    private static String status(String account) {
        return given().auth().oauth2(resident(account)).when().get("/me/account").then().statusCode(200)
                .extract().path("status");
    }

    private static void dunningAfter(Duration wait) {
        MutableClock.INSTANCE.advance(wait);
        given().auth().oauth2(operator()).when().post("/dunning/runs").then().statusCode(200);
    }

    @Test
    void overdueGoesThroughTheStagesToBlockedIsPublishedAndPayingUnblocks() {
        Billing.tariff("GAS", "2014-01-01", 100_000, "[{\"priceTiyn\":2000}]", "{}");
        String meter = Billing.unique("G");
        String protectedMeter = Billing.unique("G");
        FakeMetering.set(meter, "GAS", "50", "MEASURED");
        FakeMetering.set(protectedMeter, "GAS", "50", "MEASURED");
        try (WebhookRecorder webhook = WebhookRecorder.start();
             MqttTestClient mqtt = TestStack.mqtt()) {
            mqtt.subscribe(Topics.ACCOUNT_STATUS);
            mqtt.subscribe(Topics.ALERTS);
            String account = Billing.account("NONE", webhook.url("/aq"), false, meter);
            String pensioner = Billing.account("PENSIONER", null, false, protectedMeter);
            String firstKey = newWebhookKey(account);
            String key = newWebhookKey(account); // a new key replaces the old one at once
            Billing.billRun("2014-02", List.of(account, pensioner));
            long owed = Billing.balance(account).getLong("owedTiyn");
            assertThat(owed).isEqualTo(200_000);

            // due 20 days after issue: +27 days is 7 days overdue → REMINDER
            dunningAfter(Duration.ofDays(27));
            assertThat(status(account)).isEqualTo("OVERDUE");
            awaitMessage(mqtt, account, "type", "DUNNING_REMINDER");
            WebhookRecorder.Request reminder = webhook.await(r -> r.body().contains("DUNNING_REMINDER")
                    && r.body().contains(account), Duration.ofSeconds(20));
            // signed with the key the resident was given: HMAC-SHA256 of "<timestamp>.<body>"
            String timestamp = reminder.headers().get("x-aqkol-timestamp");
            assertThat(reminder.headers().get("x-aqkol-signature"))
                    .isEqualTo(WebhookSigner.sign(key, Long.parseLong(timestamp), reminder.body()))
                    .isNotEqualTo(WebhookSigner.sign(firstKey, Long.parseLong(timestamp), reminder.body()));

            dunningAfter(Duration.ofDays(14));
            awaitMessage(mqtt, account, "type", "DUNNING_WARNING");
            assertThat(status(account)).isEqualTo("OVERDUE");

            // 45 days overdue (in winter, as the clock stands in November or later): the ordinary account is
            // blocked and that is published; the pensioner is protected and stays OVERDUE, operators are told
            dunningAfter(Duration.ofDays(24));
            assertThat(status(account)).isEqualTo("BLOCKED");
            JsonNode blocked = awaitMessage(mqtt, account, "status", "BLOCKED");
            assertThat(blocked.path("previousStatus").asText()).isEqualTo("OVERDUE");
            awaitMessage(mqtt, account, "type", "ACCOUNT_BLOCKED");
            assertThat(status(pensioner)).isEqualTo("OVERDUE");
            awaitMessage(mqtt, pensioner, "type", "BLOCK_DEFERRED");
            awaitMessage(mqtt, pensioner, "type", "DUNNING_BLOCKED");
            assertThat(mqtt.received().stream().map(DunningIT::json)
                    .filter(n -> ("account:" + account).equals(n.path("subject").asText())
                            && "DUNNING_BLOCKED".equals(n.path("type").asText())))
                    .as("blocked: ACCOUNT_BLOCKED is the one alert, not also DUNNING_BLOCKED").isEmpty();
            assertThat(mqtt.received().stream().map(DunningIT::json)
                    .filter(n -> pensioner.equals(n.path("accountNumber").asText()))).isEmpty();

            // a second pass changes nothing
            given().auth().oauth2(operator()).when().post("/dunning/runs").then().statusCode(200);
            assertThat(status(account)).isEqualTo("BLOCKED");

            // paying the arrears through the provider: ACTIVE again, published as leaving BLOCKED
            Billing.pay(account, Billing.unique("pay"), owed, false);
            JsonNode unblocked = awaitMessage(mqtt, account, "status", "ACTIVE");
            assertThat(unblocked.path("previousStatus").asText()).isEqualTo("BLOCKED");
            assertThat(status(account)).isEqualTo("ACTIVE");
            Billing.assertLedgerOk();
        } finally {
            MutableClock.INSTANCE.reset();
        }
    }

    @Test
    void aDisputeDefersDunningOncePerInvoiceAndOnlyOneIsOpenAtATime() {
        Billing.tariff("ELECTRICITY", "2015-01-01", 0, "[{\"priceTiyn\":1000}]", "{}");
        String meter = Billing.unique("E");
        FakeMetering.set(meter, "ELECTRICITY", "10", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String invoice = Billing.runInvoices(Billing.billRun("2015-05", List.of(account)).getString("id"))
                .get(account);
        try {
            dispute(account, invoice, "the meter was read wrong").statusCode(201)
                    .body("defersDunning", equalTo(true));
            // one open dispute per invoice: a second is refused and changes nothing
            dispute(account, invoice, "and again").statusCode(409).contentType("application/problem+json");
            dunningAfter(Duration.ofDays(30)); // 10 days past due, but the invoice is disputed
            assertThat(status(account)).isEqualTo("ACTIVE");

            given().auth().oauth2(operator()).contentType("application/json")
                    .body("{\"resolution\":\"reading confirmed by inspection\"}")
                    .when().post("/invoices/" + invoice + "/disputes/resolution").then().statusCode(200);
            // disputing the same invoice again is heard, but does not hold dunning off a second time
            dispute(account, invoice, "I still think it is wrong").statusCode(201)
                    .body("defersDunning", equalTo(false));
            given().auth().oauth2(resident(account)).when().get("/me/invoices/" + invoice).then()
                    .body("disputed", equalTo(false));
            dunningAfter(Duration.ofDays(1));
            assertThat(status(account)).isEqualTo("OVERDUE");
        } finally {
            MutableClock.INSTANCE.reset();
        }
    }

    private static ValidatableResponse dispute(String account, String invoice, String reason) {
        return given().auth().oauth2(resident(account)).contentType("application/json")
                .body("{\"reason\":\"" + reason + "\"}").when().post("/me/invoices/" + invoice + "/disputes")
                .then();
    }

    @Test
    void autoPayDebitsNewInvoicesFromTheWalletAndWarnsOfALowBalance() {
        Billing.tariff("WATER", "2013-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "30", "MEASURED");
        try (WebhookRecorder webhook = WebhookRecorder.start();
             MqttTestClient mqtt = TestStack.mqtt()) {
            mqtt.subscribe(Topics.ALERTS);
            String account = Billing.account("NONE", webhook.url("/hook"), true, meter);
            Billing.pay(account, Billing.unique("top"), 1_000_000, true);
            assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(1_000_000);

            // 30 m³ × 100 KZT = 300,000 tiyn, paid from the wallet at once; 700,000 left, above the threshold
            JsonPath run = Billing.billRun("2013-01", List.of(account));
            assertThat(run.getLong("outcomes.INVOICED")).as(run.prettify()).isEqualTo(1);
            String id = Billing.runInvoices(run.getString("id")).get(account);
            given().auth().oauth2(resident(account)).when().get("/me/invoices/" + id).then()
                    .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PAID"));
            assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(700_000);

            // the next month leaves 400,000 < 500,000: an alert and the resident's webhook
            Billing.billRun("2013-02", List.of(account));
            assertThat(Billing.balance(account).getLong("walletTiyn")).isEqualTo(400_000);
            JsonNode alert = awaitMessage(mqtt, account, "type", "WALLET_LOW");
            assertThat(alert.path("source").asText()).isEqualTo("billing-service");
            WebhookRecorder.Request notice = webhook.await(r -> r.body().contains("WALLET_LOW"),
                    Duration.ofSeconds(20));
            assertThat(notice.body()).contains("\"walletTiyn\":400000");

            // auto-pay off: the next invoice stays open, the wallet untouched
            given().auth().oauth2(resident(account)).contentType("application/json").body("{\"enabled\":false}")
                    .when().put("/me/account/auto-pay").then().statusCode(200)
                    .body("autoPay", org.hamcrest.Matchers.equalTo(false));
            Billing.billRun("2013-03", List.of(account));
            JsonPath balance = Billing.balance(account);
            assertThat(balance.getLong("walletTiyn")).isEqualTo(400_000);
            assertThat(balance.getLong("owedTiyn")).isEqualTo(300_000);
            Billing.assertLedgerOk();
        }
    }
}
