package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.alert.notify.Deliverer;
import kz.aqkol.alert.notify.Escalator;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.OnVertx;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.platform.time.DbTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NotificationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NOTIFICATION = "x-aqkol-notification";

    @Inject
    Escalator escalator;

    @Inject
    Vertx vertx;

    @Inject
    Deliverer deliverer;

    @Inject
    Pool pool;

    @BeforeEach
    void routing() {
        Fixtures.routing();
    }

    @AfterEach
    void realTime() {
        MutableClock.INSTANCE.reset();
    }

    @Test
    void aSilencedAlertIsKeptButNotNotified() {
        String silenced = "meter:" + Fixtures.unique("G");
        String loud = "meter:" + Fixtures.unique("G");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"subject\",\"value\":\"" + silenced + "\"}],"
                        + "\"endsAt\":\"" + Instant.now().plusSeconds(3600) + "\",\"comment\":\"meter being replaced\"}")
                .when().post("/silences").then().statusCode(201).body("state", equalTo("active"));

        raise(silenced, "LEAK", "silence");
        raise(loud, "LEAK", "silence");

        Fixtures.WEBHOOKS.await(r -> r.path().equals("/silence-team") && r.body().contains(loud), PATIENCE);
        given().auth().oauth2(Fixtures.operator()).queryParam("label", "scenario=silence").queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200)
                .body("items.find { it.subject == '" + silenced + "' }.status", equalTo("OPEN"));
        assertThat(Fixtures.WEBHOOKS.requests("/silence-team")).noneMatch(r -> r.body().contains(silenced));
    }

    @Test
    void anAlertNobodyAcknowledgesEscalatesAfterItsTimeoutAndStopsOnceAcknowledged() {
        String subject = "meter:" + Fixtures.unique("G");
        raise(subject, "LEAK", "escalate");
        Fixtures.WEBHOOKS.await(r -> r.path().equals("/first-line") && r.body().contains(subject), PATIENCE);
        String id = alertId(subject);

        MutableClock.INSTANCE.advance(Duration.ofMinutes(9));
        OnVertx.await(vertx, escalator::escalate);
        assertThat(Fixtures.WEBHOOKS.requests("/second-line")).noneMatch(r -> r.body().contains(subject));

        MutableClock.INSTANCE.advance(Duration.ofMinutes(2)); // now due: the scheduled pass, which asks first, takes it
        WebhookRecorder.Request escalation = Fixtures.WEBHOOKS.await(r -> r.path().equals("/second-line")
                && r.body().contains(subject), PATIENCE);
        assertThat(escalation.body()).contains("\"kind\":\"ESCALATION\"");

        given().auth().oauth2(TestStack.token("dispatcher", "disp-arman")).contentType("application/json")
                .body("{\"comment\":\"crew on the way\"}")
                .when().post("/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("disp-arman"));
        MutableClock.INSTANCE.advance(Duration.ofHours(1));
        OnVertx.await(vertx, escalator::escalate);
        assertThat(Fixtures.WEBHOOKS.requests("/second-line").stream().filter(r -> r.body().contains(subject)))
                .as("no reminder after the acknowledgement").hasSize(1);
        List<String> kinds = given().auth().oauth2(Fixtures.operator()).when().get("/alerts/" + id + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("kind");
        assertThat(kinds).containsSubsequence("OPENED", "NOTIFIED", "ESCALATION", "ACKNOWLEDGED");
    }

    @Test
    void aReceiverThatIsDownGetsTheNotificationOnceItIsBackWithEveryAttemptLogged() {
        String subject = "meter:" + Fixtures.unique("G");
        Fixtures.WEBHOOKS.down(true);
        try {
            raise(subject, "LEAK", "retry");
            await().atMost(PATIENCE).until(() -> Fixtures.WEBHOOKS.requests("/flaky-team").stream()
                    .filter(r -> r.body().contains(subject)).count() >= 2);
        } finally {
            Fixtures.WEBHOOKS.down(false);
        }
        WebhookRecorder.Request delivered = Fixtures.WEBHOOKS.await(r -> r.path().equals("/flaky-team")
                && r.answeredOk() && r.body().contains(subject), PATIENCE);

        String timestamp = delivered.headers().get(WebhookSigner.TIMESTAMP.toLowerCase());
        assertThat(delivered.headers().get(WebhookSigner.SIGNATURE.toLowerCase())).isEqualTo(
                WebhookSigner.sign("key-of-flaky-team-for-tests", Long.parseLong(timestamp), delivered.body()));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath log = given().auth().oauth2(Fixtures.operator()).queryParam("receiver", "flaky-team")
                    .when().get("/notifications").then().statusCode(200).extract().jsonPath();
            int mine = log.getList("findAll { it.kind == 'GROUP' }.id").size();
            assertThat(mine).isPositive();
            List<Integer> statuses = log.getList("find { it.deliveredAt != null }.log.status");
            assertThat(statuses).hasSizeGreaterThanOrEqualTo(3).endsWith(204);
            assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(503);
        });
        // each retry came after its pause (1 s, 2 s, 4 s …), and the notification was delivered once
        String id = delivered.headers().get(NOTIFICATION);
        JsonPath notification = notification("flaky-team", id);
        List<Instant> at = notification.getList("log.at", String.class).stream().map(Instant::parse).toList();
        for (int attempt = 1; attempt < at.size(); attempt++) {
            assertThat(Duration.between(at.get(attempt - 1), at.get(attempt)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1L << (attempt - 1)));
        }
        assertThat(Fixtures.WEBHOOKS.requests("/flaky-team").stream()
                .filter(r -> id.equals(r.headers().get(NOTIFICATION)) && r.answeredOk())).hasSize(1);
    }

    /**
     * While the receiver has the notification and has not answered, it is only leased: another transaction locks and
     * changes its row at once (NOWAIT: a lock held by the deliverer would fail it). Once answered, it is delivered.
     */
    @Test
    void noRowLockIsHeldWhileTheReceiverAnswersAndTheNotificationIsDeliveredOnce() {
        String subject = "meter:" + Fixtures.unique("G");
        String id;
        try (WebhookRecorder.Hold hold = Fixtures.WEBHOOKS.hold("/slow-team")) {
            raise(subject, "LEAK", "slow");
            id = Fixtures.WEBHOOKS.await(r -> r.path().equals("/slow-team") && r.body().contains(subject), PATIENCE)
                    .headers().get(NOTIFICATION);
            Row locked = pool.withTransaction(c -> c.preparedQuery(
                                    "select id, next_attempt_at from notification where id = $1 for update nowait")
                            .execute(Tuple.of(UUID.fromString(id)))
                            .chain(rows -> c.preparedQuery("update notification set kind = kind where id = $1")
                                    .execute(Tuple.of(UUID.fromString(id)))
                                    .replaceWith(rows.iterator().next())))
                    .await().atMost(PATIENCE);
            assertThat(DbTimes.instant(locked.getValue("next_attempt_at"))).as("leased while it is sent")
                    .isAfter(Instant.now().plusSeconds(20));
        }
        await().atMost(PATIENCE).until(() -> notification("slow-team", id).getString("deliveredAt") != null);
        assertThat(notification("slow-team", id).getList("log.status")).containsExactly(204);
        assertThat(Fixtures.WEBHOOKS.requests("/slow-team").stream()
                .filter(r -> id.equals(r.headers().get(NOTIFICATION)))).hasSize(1);
    }

    /** A notification its receiver never takes is given up once older than three days, and not sent again. */
    @Test
    void aNotificationNobodyTakesIsGivenUpOnceTooOld() {
        String subject = "meter:" + Fixtures.unique("G");
        double gaveUp = metric("outcome=\"gave_up\"");
        Fixtures.WEBHOOKS.down("/lost-team", true);
        try {
            raise(subject, "LEAK", "lost");
            String id = Fixtures.WEBHOOKS.await(r -> r.path().equals("/lost-team") && r.body().contains(subject),
                    PATIENCE).headers().get(NOTIFICATION);
            await().atMost(PATIENCE).until(() -> notification("lost-team", id).getInt("attempts") >= 1);
            assertThat(notification("lost-team", id).getString("gaveUpAt")).isNull();

            MutableClock.INSTANCE.advance(Duration.ofDays(3).plusMinutes(1));
            await().atMost(PATIENCE).until(() -> notification("lost-team", id).getString("gaveUpAt") != null);
            JsonPath lost = notification("lost-team", id);
            assertThat(lost.getString("deliveredAt")).isNull();
            assertThat(lost.getString("nextAttemptAt")).isNull();
            assertThat(lost.getList("log.status")).containsOnly(503).hasSize(lost.getInt("attempts"));
            await().atMost(PATIENCE).until(() -> metric("outcome=\"gave_up\"") >= gaveUp + 1);

            MutableClock.INSTANCE.advance(Duration.ofDays(1));
            OnVertx.await(vertx, deliverer::deliver);
            assertThat(Fixtures.WEBHOOKS.requests("/lost-team").stream()
                    .filter(r -> id.equals(r.headers().get(NOTIFICATION)))).hasSize(lost.getInt("attempts"));
        } finally {
            Fixtures.WEBHOOKS.down("/lost-team", false);
        }
    }

    /** One notification of the receiver's, as the delivery log shows it. */
    private static JsonPath notification(String receiver, String id) {
        return given().auth().oauth2(Fixtures.operator()).queryParam("receiver", receiver).queryParam("limit", 500)
                .when().get("/notifications").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.id == '" + id + "' }");
    }

    private static double metric(String outcome) {
        String page = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return page.lines().filter(l -> l.startsWith("aqkol_webhook_deliveries_total{")
                        && l.contains("kind=\"receiver\"") && l.contains(outcome)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    void anOfflineCameraInhibitsItsTamperAlert() {
        String camera = "camera:" + Fixtures.unique("CAM");
        String other = "camera:" + Fixtures.unique("CAM");
        raise(camera, "OFFLINE", "silence");
        Fixtures.WEBHOOKS.await(r -> r.path().equals("/silence-team") && r.body().contains(camera), PATIENCE);

        raise(camera, "TAMPER", "silence");
        raise(other, "TAMPER", "silence");

        Fixtures.WEBHOOKS.await(r -> r.path().equals("/silence-team") && r.body().contains(other)
                && r.body().contains("TAMPER"), PATIENCE);
        assertThat(Fixtures.WEBHOOKS.requests("/silence-team")).noneMatch(r -> r.body().contains(camera)
                && r.body().contains("\"type\":\"TAMPER\""));
    }

    private static void raise(String subject, String type, String scenario) {
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert(subject, type, "MAJOR",
                    "\"scenario\":\"" + scenario + "\"", false));
        }
    }

    private static String alertId(String subject) {
        return given().auth().oauth2(Fixtures.operator()).queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.subject == '" + subject + "' }.id");
    }
}
