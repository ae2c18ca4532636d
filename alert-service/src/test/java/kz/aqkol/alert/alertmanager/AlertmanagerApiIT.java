package kz.aqkol.alert.alertmanager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's v2 API through the running service, every answer checked against Alertmanager's own OpenAPI
 * document (Debian's copy, see {@link AlertmanagerSpec}): status codes, bodies, zero-value times, errors as the
 * JSON strings its clients decode, and silences shared with the native {@code /silences}.
 */
@QuarkusTest
class AlertmanagerApiIT {

    private static final String GO_ZERO = "0001-01-01T00:00:00.000Z";
    private static AlertmanagerSpec spec;

    private final String prometheus = TestStack.token(Roles.SERVICE, "prometheus");
    private final String operator = TestStack.token(Roles.OPERATOR, "op-dana");

    @BeforeAll
    static void readSpec() {
        spec = AlertmanagerSpec.load();
    }

    @Test
    void anAlertWithZeroTimesFiresNowAndIsAnswered200WithAnEmptyBody() {
        String name = unique("DiskFull");
        Instant before = Instant.now();
        Response posted = given().auth().oauth2(prometheus).contentType("application/json")
                .body("[{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"warning\",\"instance\":\"db-1\"},"
                        + "\"annotations\":{\"summary\":\"disk 95% full\"},\"startsAt\":\"" + GO_ZERO
                        + "\",\"endsAt\":\"" + GO_ZERO + "\",\"generatorURL\":\"\"}]")
                .when().post("/api/v2/alerts");
        conforms("POST", "/alerts", posted);
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body().asString()).isEmpty();

        Response listed = given().auth().oauth2(operator).queryParam("filter", "alertname=\"" + name + "\"")
                .when().get("/api/v2/alerts");
        conforms("GET", "/alerts", listed);
        List<Map<String, Object>> alerts = listed.jsonPath().getList("$");
        assertThat(alerts).hasSize(1);
        Map<String, Object> alert = alerts.get(0);
        assertThat(Instant.parse((String) alert.get("startsAt"))).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Instant.parse((String) alert.get("endsAt")))
                .isAfter(Instant.parse((String) alert.get("startsAt")).plus(Duration.ofMinutes(4)));
        assertThat(listed.jsonPath().getString("[0].status.state")).isEqualTo("active");
        assertThat(listed.jsonPath().getString("[0].labels.source")).isEqualTo("prometheus");
        assertThat(listed.jsonPath().getString("[0].annotations.summary")).isEqualTo("disk 95% full");

        given().auth().oauth2(operator).queryParam("label", "alertname=" + name).when().get("/alerts").then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].status", org.hamcrest.Matchers.equalTo("OPEN"));
    }

    @Test
    void aSilenceMadeThroughAlertmanagersApiIsANativeSilenceAndSuppressesUntilDeleted() {
        String name = unique("Flapping");
        given().auth().oauth2(prometheus).contentType("application/json")
                .body("[{\"labels\":{\"alertname\":\"" + name + "\"}}]").when().post("/api/v2/alerts")
                .then().statusCode(200);

        Instant now = Instant.now();
        Response created = given().auth().oauth2(operator).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"alertname\",\"value\":\"" + name + "\",\"isRegex\":false,"
                        + "\"isEqual\":true}],\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(3600)
                        + "\",\"createdBy\":\"someone else\",\"comment\":\"maintenance\"}")
                .when().post("/api/v2/silences");
        conforms("POST", "/silences", created);
        String id = created.jsonPath().getString("silenceID");

        Response one = given().auth().oauth2(operator).when().get("/api/v2/silence/" + id);
        conforms("GET", "/silence/{silenceID}", one);
        assertThat(one.jsonPath().getString("status.state")).isEqualTo("active");
        assertThat(one.jsonPath().getString("createdBy")).isEqualTo("op-dana");
        Response all = given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/silences");
        conforms("GET", "/silences", all);
        assertThat(all.jsonPath().getList("id", String.class)).containsExactly(id);
        assertThat(given().auth().oauth2(operator).when().get("/silences").then().statusCode(200).extract()
                .jsonPath().getList("id", String.class)).contains(id);

        Response suppressed = given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/alerts");
        conforms("GET", "/alerts", suppressed);
        assertThat(suppressed.jsonPath().getString("[0].status.state")).isEqualTo("suppressed");
        assertThat(suppressed.jsonPath().getList("[0].status.silencedBy", String.class)).containsExactly(id);
        assertThat(given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .queryParam("silenced", false).when().get("/api/v2/alerts").jsonPath().getList("$")).isEmpty();
        conforms("GET", "/alerts/groups", given().auth().oauth2(operator).when().get("/api/v2/alerts/groups"));

        Response deleted = given().auth().oauth2(operator).when().delete("/api/v2/silence/" + id);
        conforms("DELETE", "/silence/{silenceID}", deleted);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(given().auth().oauth2(operator).when().get("/api/v2/silence/" + id).jsonPath()
                .getString("status.state")).isEqualTo("expired");
        assertThat(given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/alerts").jsonPath().getString("[0].status.state")).isEqualTo("active");
    }

    @Test
    void aNativeSilenceIsServedByAlertmanagersApi() {
        Instant now = Instant.now();
        String id = given().auth().oauth2(operator).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"alertname\",\"value\":\"" + unique("Native") + "\"}],\"endsAt\":\""
                        + now.plusSeconds(600) + "\",\"comment\":\"from /silences\"}")
                .when().post("/silences").then().statusCode(201).extract().jsonPath().getString("id");

        Response one = given().auth().oauth2(operator).when().get("/api/v2/silence/" + id);
        conforms("GET", "/silence/{silenceID}", one);
        assertThat(one.jsonPath().getString("comment")).isEqualTo("from /silences");
    }

    @Test
    void receiversAndStatusFitTheSpec() {
        conforms("GET", "/receivers", given().auth().oauth2(operator).when().get("/api/v2/receivers"));
        Response status = given().auth().oauth2(prometheus).when().get("/api/v2/status");
        conforms("GET", "/status", status);
        assertThat(status.jsonPath().getString("cluster.status")).isEqualTo("ready");
    }

    @Test
    void errorsAreJsonStringsWithTheStatusesTheSpecDefines() {
        Response bad = given().auth().oauth2(prometheus).contentType("application/json")
                .body("[{\"labels\":{\"severity\":\"warning\"}}]").when().post("/api/v2/alerts");
        conforms("POST", "/alerts", bad);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/json");
        assertThat(bad.jsonPath().getString("$")).contains("alertname is required");

        Response unknown = given().auth().oauth2(operator).when().get("/api/v2/silence/" + UUID.randomUUID());
        conforms("GET", "/silence/{silenceID}", unknown);
        assertThat(unknown.statusCode()).isEqualTo(404);

        Response replacingUnknown = given().auth().oauth2(operator).contentType("application/json")
                .body("{\"id\":\"" + UUID.randomUUID() + "\",\"matchers\":[{\"name\":\"a\",\"value\":\"b\","
                        + "\"isRegex\":false}],\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\""
                        + Instant.now().plusSeconds(60) + "\",\"createdBy\":\"x\",\"comment\":\"c\"}")
                .when().post("/api/v2/silences");
        conforms("POST", "/silences", replacingUnknown);
        assertThat(replacingUnknown.statusCode()).isEqualTo(404);

        Response deleteUnknown = given().auth().oauth2(operator).when().delete("/api/v2/silence/" + UUID.randomUUID());
        conforms("DELETE", "/silence/{silenceID}", deleteUnknown);
        assertThat(deleteUnknown.statusCode()).isEqualTo(500);
        assertThat(deleteUnknown.jsonPath().getString("$")).contains("does not exist");
    }

    @Test
    void aServiceTokenCannotSilenceAndNothingIsSilenced() {
        String comment = unique("silence everything");
        Response refused = given().auth().oauth2(prometheus).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"alertname\",\"value\":\".*\",\"isRegex\":true}],\"startsAt\":\""
                        + Instant.now() + "\",\"endsAt\":\"" + Instant.now().plusSeconds(3600)
                        + "\",\"createdBy\":\"prometheus\",\"comment\":\"" + comment + "\"}")
                .when().post("/api/v2/silences");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.jsonPath().getString("$")).isEqualTo("Your role does not allow this request");
        assertThat(given().auth().oauth2(operator).when().get("/api/v2/silences").jsonPath()
                .getList("comment", String.class)).doesNotContain(comment);
    }

    @Test
    void withoutATokenNothingIsShown() {
        Response refused = given().when().get("/api/v2/alerts");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.jsonPath().getString("$")).contains("bearer token");
    }

    @Test
    void aFiringAlertNobodyRepeatsResolvesAtItsEndsAtAndARepeatWithALaterEndsAtHoldsItOpen() {
        String name = unique("Heartbeat");
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        Instant firstEnd = startsAt.plusSeconds(33);
        Instant laterEnd = firstEnd.plusSeconds(4);
        firing(name, startsAt, firstEnd);
        firing(name, startsAt, laterEnd); // Prometheus re-sending the same firing

        Response listed = given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/alerts");
        conforms("GET", "/alerts", listed);
        assertThat(Instant.parse(listed.jsonPath().getString("[0].endsAt"))).isEqualTo(laterEnd);
        await().pollDelay(Duration.between(Instant.now(), firstEnd.plusSeconds(2))).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth().oauth2(operator).queryParam("label", "alertname=" + name)
                        .when().get("/alerts").then().statusCode(200)
                        .body("items[0].status", org.hamcrest.Matchers.equalTo("OPEN"))
                        .body("items[0].occurrences", org.hamcrest.Matchers.equalTo(1)));

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(operator)
                .queryParam("label", "alertname=" + name).when().get("/alerts").then().statusCode(200)
                .extract().jsonPath(), alert -> "RESOLVED".equals(alert.getString("items[0].status")))
                .getString("items[0].id");
        assertThat(Instant.now()).isAfter(laterEnd);
        given().auth().oauth2(operator).when().get("/alerts/" + id + "/timeline").then().statusCode(200)
                .body("find { it.kind == 'RESOLVED' }.detail",
                        org.hamcrest.Matchers.equalTo("endsAt passed, not raised again"));
        Response none = given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/alerts");
        conforms("GET", "/alerts", none);
        assertThat(none.jsonPath().getList("$")).isEmpty();
    }

    private void firing(String name, Instant startsAt, Instant endsAt) {
        Response posted = given().auth().oauth2(prometheus).contentType("application/json")
                .body("[{\"labels\":{\"alertname\":\"" + name + "\"},\"startsAt\":\"" + startsAt
                        + "\",\"endsAt\":\"" + endsAt + "\"}]")
                .when().post("/api/v2/alerts");
        conforms("POST", "/alerts", posted);
        assertThat(posted.statusCode()).isEqualTo(200);
    }

    private static void conforms(String method, String path, Response response) {
        assertThat(spec.violations(method, path, response.statusCode(), response.body().asString()))
                .as(method + " " + path + " answered " + response.statusCode() + ": " + response.body().asString())
                .isEmpty();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
