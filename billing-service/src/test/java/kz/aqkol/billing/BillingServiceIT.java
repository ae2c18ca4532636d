package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import kz.aqkol.billing.notify.Notices;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BillingServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PENDING = "aqkol_outbox_pending";
    private static final String PUBLISHED = "aqkol_outbox_published_total";
    private static final String DELIVERIES = "aqkol_webhook_deliveries_total";
    private static final String FAILED = "kind=\"resident\",outcome=\"failed\"";
    private static final String DELIVERED = "kind=\"resident\",outcome=\"delivered\"";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    Notices notices;

    /**
     * The backlog gauge counts what the relay has not published: rows held by another relayer (here: this test's
     * transaction, as another replica would hold them) stay counted, and once released they are published and the
     * gauge is back at 0.
     */
    @Test
    void theOutboxBacklogGaugeCountsUnpublishedMessagesAndReturnsToZeroOncePublished() {
        double published = Billing.metric(PUBLISHED, "service=");
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        try {
            List<UUID> ids = heldUnsent(holder, 3);
            Billing.awaitMetricAtLeast(PENDING, "service=", 3);
            holder.query("rollback").execute().await().atMost(WAIT); // the other relayer lets go
            Billing.awaitMetricAtLeast(PUBLISHED, "service=", published + ids.size());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (Billing.metric(PENDING, "service=") > 0 && System.nanoTime() < deadline) {
                Billing.sleep(100);
            }
            assertThat(Billing.metric(PENDING, "service=")).isZero();
            assertThat(pool.preparedQuery("select count(*) from outbox where id = any($1) and sent_at is null")
                    .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(WAIT).iterator().next()
                    .getLong(0)).isZero();
        } finally {
            holder.close().await().atMost(WAIT);
        }
    }

    /** Enqueues {@code n} messages through the outbox and, on {@code holder}, locks them before the relay does. */
    private List<UUID> heldUnsent(SqlConnection holder, int n) {
        for (int attempt = 0; attempt < 5; attempt++) {
            List<AlertRaised> messages = IntStream.range(0, n).mapToObj(i -> new AlertRaised(UUID.randomUUID(),
                    Instant.now(), "billing-service", "OUTBOX_TEST", Severity.INFO, "account:AQ-outbox",
                    "backlog test", Map.of(), false)).toList();
            List<UUID> ids = messages.stream().map(AlertRaised::id).toList();
            pool.withTransaction(c -> outbox.enqueue(c, Topics.alerts("billing-service"), messages))
                    .await().atMost(WAIT);
            holder.query("begin").execute().await().atMost(WAIT);
            int locked = holder.preparedQuery("select seq from outbox where id = any($1) and sent_at is null"
                            + " for update skip locked")
                    .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(WAIT).size();
            if (locked == n) {
                return ids;
            }
            holder.query("rollback").execute().await().atMost(WAIT); // the relay was quicker: again
        }
        throw new AssertionError("the relay always took the messages first");
    }

    /**
     * A resident's webhook notice is signed with the account's key; a failed attempt is retried after the first
     * pause (5 s), the notice is delivered once, and each attempt is counted by outcome once recorded.
     */
    @Test
    void aWebhookNoticeIsSignedRetriedAfterAPauseDeliveredOnceAndCountedByOutcome() {
        try (WebhookRecorder webhook = WebhookRecorder.start()) {
            String url = webhook.url("/metrics-hook");
            String account = Billing.account("NONE", url, false);
            double failed = Billing.metric(DELIVERIES, FAILED);
            double delivered = Billing.metric(DELIVERIES, DELIVERED);
            webhook.down(true);
            pool.withTransaction(c -> notices.webhook(c, url, "METRICS_TEST", account, "counted", Map.of()))
                    .await().atMost(WAIT);
            await().atMost(WAIT).until(() -> notice(url).getInteger("attempts") >= 1); // the failure recorded
            webhook.down(false); // the retry (5 s later) gets through
            await().atMost(Duration.ofSeconds(20)).until(() -> notice(url).getValue("delivered_at") != null);
            assertThat(Billing.metric(DELIVERIES, FAILED)).isGreaterThanOrEqualTo(failed + 1);
            assertThat(Billing.metric(DELIVERIES, DELIVERED)).isGreaterThanOrEqualTo(delivered + 1);

            Row notice = notice(url);
            List<WebhookRecorder.Request> requests = webhook.requests("/metrics-hook");
            int attempts = requests.size();
            assertThat(notice.getInteger("attempts")).isEqualTo(attempts).isGreaterThanOrEqualTo(2);
            assertThat(notice.getValue("delivered_at")).isNotNull();
            assertThat(notice.getValue("gave_up_at")).isNull();
            assertThat(notice.getString("last_error")).isNull();
            assertThat(requests.subList(0, attempts - 1)).noneMatch(WebhookRecorder.Request::answeredOk);
            for (int attempt = 1; attempt < attempts; attempt++) { // each retry after its pause: 5 s, 10 s …
                Duration pause = Duration.ofSeconds(5L << (attempt - 1));
                assertThat(Duration.between(requests.get(attempt - 1).receivedAt(),
                        requests.get(attempt).receivedAt())).isGreaterThanOrEqualTo(pause);
            }
            WebhookRecorder.Request taken = requests.get(attempts - 1);
            assertThat(taken.answeredOk()).isTrue();
            assertThat(taken.body()).contains("\"type\":\"METRICS_TEST\"").contains("\"account\":\"" + account);
            assertThat(taken.headers()).containsEntry("content-type", "application/json")
                    .doesNotContainKey("x-aqkol-notification");
            long timestamp = Long.parseLong(taken.headers().get(WebhookSigner.TIMESTAMP.toLowerCase()));
            assertThat(taken.headers().get(WebhookSigner.SIGNATURE.toLowerCase()))
                    .isEqualTo(WebhookSigner.sign(notice.getString("webhook_key"), timestamp, taken.body()));
        }
    }

    /** The notice sent to {@code url}, with its account's key. */
    private Row notice(String url) {
        return pool.preparedQuery("select n.attempts, n.delivered_at, n.gave_up_at, n.last_error, a.webhook_key"
                        + " from webhook_notice n join account a on a.number = n.account_number where n.url = $1")
                .execute(Tuple.of(url)).await().atMost(WAIT).iterator().next();
    }

    @Test
    void isReadyWithItsDatabaseAndBrokerAndServesMetricsAndOpenApi() {
        ServiceChecks.readyWithDatabaseAndBroker("corrections");
        ServiceChecks.servesMetricsAndOpenApi("billing-service");
    }

    @Test
    void metricsPassPrometheusStrictParserAsTextAndOpenMetricsAndCarryEveryDocumentedMetric() {
        ServiceChecks.metricsParseStrictlyAndMatchTheCatalogue("billing-service");
    }

    @Test
    void accountsAreForOperatorsAndServices() {
        ServiceChecks.guarded("/accounts", Roles.OPERATOR, Roles.RESIDENT);
    }

    @Test
    void malformedCorrectionsAreDeadLetteredAndTheServiceStaysReady() {
        ServiceChecks.deadLettered("billing-service", Topics.CONSUMPTION_CORRECTIONS,
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"meterId\":\"G-1\","
                        + "\"periodStart\":\"2026-11-01T00:00:00Z\",\"periodEnd\":\"2026-10-01T00:00:00Z\","
                        + "\"previousQuantity\":1,\"correctedQuantity\":2,\"unit\":\"M3\",\"reason\":\"late\"}",
                "periodEnd: must be after periodStart");
        ServiceChecks.readyWithDatabaseAndBroker("corrections");
    }

    @Test
    void aResidentSeesTheirOwnAccountAndOnlyThat() {
        String number = "AQ-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestStack.token(Roles.OPERATOR)).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Aigerim S.\",\"address\":\"Abai st. 12\","
                        + "\"zone\":\"north\"}")
                .when().post("/accounts").then().statusCode(201).body("status", equalTo("ACTIVE"));
        Billing.meterHistory("G-" + number, 1, new MeterAssignmentChanged.Assignment(number, Billing.LONG_AGO, null));

        given().auth().oauth2(TestStack.token(Roles.RESIDENT, number)).when().get("/me/account").then()
                .statusCode(200).body("number", equalTo(number)).body("meters[0]", equalTo("G-" + number));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, number)).when().get("/accounts/" + number).then()
                .statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, "AQ-nobody")).when().get("/me/account").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void operatorsChangeAnAccountButItsMetersFollowMeteringServiceHistoryOnly() {
        String meter = "G-" + UUID.randomUUID().toString().substring(0, 8);
        String first = Billing.account("NONE", null, false, meter);
        String second = Billing.account("NONE", null, false);
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"meters\":[\"" + meter + "\"]}").when().patch("/accounts/" + second).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("meters"))
                .body("errors[0].message", containsString("POST /meters/{id}/assignments"));
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"socialCategory\":\"VETERAN\",\"webhookUrl\":\"https://example.org/hook\"}")
                .when().patch("/accounts/" + first).then().statusCode(200)
                .body("socialCategory", equalTo("VETERAN")).body("meters[0]", equalTo(meter))
                .body("holder", equalTo("Test holder"));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, first)).contentType("application/json")
                .body("{\"holder\":\"x\"}").when().patch("/accounts/" + first).then().statusCode(403);

        // metering-service moves the meter: the newer history replaces the old one, a late older one changes nothing
        Instant moved = Instant.parse("2026-05-10T12:00:00Z");
        Billing.meterHistory(meter, 2, new MeterAssignmentChanged.Assignment(first, Billing.LONG_AGO, moved),
                new MeterAssignmentChanged.Assignment(second, moved, null));
        Billing.publishHistory(meter, 1, new MeterAssignmentChanged.Assignment(first, Billing.LONG_AGO, null));
        String marker = "G-" + UUID.randomUUID().toString().substring(0, 8); // published after, so taken after
        Billing.meterHistory(marker, 1, new MeterAssignmentChanged.Assignment(second, Billing.LONG_AGO, null));
        assertThat(Billing.projectedVersion(meter)).isEqualTo(2);
        given().auth().oauth2(Billing.operator()).header("X-Purpose", "BILLING").when().get("/accounts/" + first)
                .then().statusCode(200).body("meters", org.hamcrest.Matchers.empty());
        given().auth().oauth2(Billing.operator()).header("X-Purpose", "BILLING").when().get("/accounts/" + second)
                .then().statusCode(200).body("meters", org.hamcrest.Matchers.containsInAnyOrder(meter, marker));
    }

    @Test
    void anAccountOpenedWithMetersIsRefusedPointingToMeteringService() {
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"number\":\"" + Billing.unique("AQ") + "\",\"holder\":\"A\",\"address\":\"B\","
                        + "\"meters\":[\"G-known-1\"]}")
                .when().post("/accounts").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("meters"))
                .body("errors[0].message", containsString("metering-service"));
    }

    @Test
    void anInvalidAccountIsRefusedNamingEachField() {
        given().auth().oauth2(TestStack.token(Roles.OPERATOR)).contentType("application/json")
                .body("{\"number\":\"bad number\",\"holder\":\"\",\"address\":\"x\",\"webhookUrl\":\"ftp://x\"}")
                .when().post("/accounts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:aqkol:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("holder", "number", "webhookUrl"));
    }
}
