package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Every look at personal data leaves a trace: reads of alerts about a resident's account, acknowledgements,
 * resolves, silences, routing and receiver changes go into alert-service's audit chain with actor, role and
 * purpose, and the resident sees those about them at /me/access-log.
 */
@QuarkusTest
class AlertAuditIT {

    private static final String DISPATCHER = TestStack.token(Roles.DISPATCHER, "disp-aliya");
    private static final String AUDITOR = TestStack.token(Roles.AUDITOR, "aud-saule");

    @Test
    void aStaffResolveNeedsAReasonIsInTheirOwnNameAndIsAuditedForTheResident() {
        String account = Fixtures.unique("AQ");
        String id = open(account);

        given().auth().oauth2(DISPATCHER).contentType("application/json").body("{\"reason\":\" \"}")
                .when().post("/alerts/" + id + "/resolve").then().statusCode(400)
                .body("type", equalTo("urn:aqkol:problem:validation"));
        given().auth().oauth2(DISPATCHER).contentType("application/json")
                .when().post("/alerts/" + id + "/resolve").then().statusCode(400);
        given().auth().oauth2(Fixtures.operator()).when().get("/alerts/" + id).then().body("status", equalTo("OPEN"));

        given().auth().oauth2(DISPATCHER).contentType("application/json")
                .body("{\"reason\":\"meter inspected: no leak\"}")
                .when().post("/alerts/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));

        List<Map<String, Object>> timeline = given().auth().oauth2(Fixtures.operator())
                .when().get("/alerts/" + id + "/timeline").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(timeline.get(timeline.size() - 1)).containsEntry("kind", "RESOLVED")
                .containsEntry("actor", "disp-aliya").containsEntry("detail", "meter inspected: no leak");
        JsonPath audit = audit("RESOLVE", id);
        assertThat(audit.getList("items")).hasSize(1);
        assertThat(audit.getMap("items[0]")).containsEntry("actor", "disp-aliya").containsEntry("role", "dispatcher")
                .containsEntry("objectType", "alert").containsEntry("subjectAccount", account)
                .containsEntry("purpose", "meter inspected: no leak");
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200).body("items.find { it.action == 'RESOLVE' }.who", equalTo("disp-aliya"));
    }

    @Test
    void anAcknowledgementIsAudited() {
        String account = Fixtures.unique("AQ");
        String id = open(account);

        given().auth().oauth2(DISPATCHER).contentType("application/json").body("{\"comment\":\"crew on the way\"}")
                .when().post("/alerts/" + id + "/acknowledge").then().statusCode(200);

        assertThat(audit("ACKNOWLEDGE", id).getMap("items[0]")).containsEntry("actor", "disp-aliya")
                .containsEntry("subjectAccount", account).containsEntry("purpose", "crew on the way");
    }

    @Test
    void aStaffReadOfAResidentsAlertLeavesAnEntryTheResidentSeesButTheirOwnReadDoesNot() {
        String account = Fixtures.unique("AQ");
        String id = open(account);

        given().auth().oauth2(Fixtures.operator()).header("X-Purpose", "SAFETY; leak reported by phone")
                .when().get("/alerts/" + id).then().statusCode(200);
        given().auth().oauth2(Fixtures.operator())
                .queryParam("label", "account=" + account).when().get("/alerts").then().statusCode(200);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/alerts").then()
                .statusCode(200);

        JsonPath reads = audit("READ", id);
        assertThat(reads.getList("items.purpose"))
                .containsExactly("SAFETY: alert duty", "SAFETY: leak reported by phone");
        assertThat(reads.getList("items.actor")).containsOnly("op-dana");
        assertThat(reads.getList("items.subjectAccount")).containsOnly(account);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200).body("items.findAll { it.action == 'READ' }.size()", equalTo(2))
                .body("items[0].who", equalTo("op-dana")).body("items[0].purpose", equalTo("SAFETY: alert duty"));
    }

    @Test
    void aPurposeOffTheListIsRefusedBeforeAnythingIsRead() {
        String account = Fixtures.unique("AQ");
        String id = open(account);

        given().auth().oauth2(Fixtures.operator()).header("X-Purpose", "curious about the neighbours")
                .when().get("/alerts/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose"));
        assertThat(audit("READ", id).getList("items")).isEmpty();
    }

    @Test
    void aReadOfAnAlertAboutNoResidentLeavesNoEntry() {
        String zone = Fixtures.unique("zone");
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + Fixtures.unique("G"), "OFFLINE",
                    "MINOR", "\"zone\":\"" + zone + "\"", false));
        }
        String id = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(Fixtures.operator())
                .queryParam("label", "zone=" + zone).when().get("/alerts").then().statusCode(200).extract()
                .path("items[0].id"), found -> found != null);

        given().auth().oauth2(Fixtures.operator()).when().get("/alerts/" + id).then().statusCode(200);

        assertThat(audit("READ", id).getList("items")).isEmpty();
    }

    @Test
    void silencesAndReceiversAreAuditedAndARegexThatWouldStallIsRefused() {
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"subject\",\"value\":\"(a{1000}){1000}\",\"isRegex\":true}],"
                        + "\"endsAt\":\"" + Instant.now().plusSeconds(3600) + "\",\"comment\":\"stall it\"}")
                .when().post("/silences").then().statusCode(400)
                .body(containsString("repeats more than 1000 times in all"));

        String silence = given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"matchers\":[{\"name\":\"zone\",\"value\":\"north|south\",\"isRegex\":true}],"
                        + "\"endsAt\":\"" + Instant.now().plusSeconds(3600) + "\",\"comment\":\"pipe works\"}")
                .when().post("/silences").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DISPATCHER).when().delete("/silences/" + silence).then().statusCode(200)
                .body("state", equalTo("expired"));
        JsonPath silenced = given().auth().oauth2(AUDITOR).queryParam("objectId", silence).when().get("/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(silenced.getList("items.action")).containsExactly("SILENCE_EXPIRED", "SILENCE_CREATED");
        assertThat(silenced.getList("items.actor")).containsExactly("disp-aliya", "op-dana");
        assertThat(silenced.getString("items[1].purpose")).isEqualTo("pipe works");

        String receiver = Fixtures.unique("night-crew");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"name\":\"" + receiver + "\",\"webhookUrl\":\"" + Fixtures.WEBHOOKS.url("/night") + "\"}")
                .when().post("/receivers").then().statusCode(201);
        assertThat(audit("RECEIVER_ADDED", receiver).getString("items[0].actor")).isEqualTo("op-dana");
    }

    @Test
    void aRoutingChangeIsAuditedAndAPathologicalRouteMatcherIsRefusedLeavingTheTreeAsItWas() {
        Fixtures.routing();
        String before = given().auth().oauth2(Fixtures.operator()).when().get("/routing").then().statusCode(200)
                .extract().asString();
        long saved = JsonPath.from(before).getLong("version");
        assertThat(audit("ROUTING_SAVED", Long.toString(saved)).getString("items[0].actor")).isEqualTo("op-dana");

        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"route\": {\"name\": \"root\", \"routes\": [{\"name\": \"evil\", \"matchers\": "
                        + "[{\"name\": \"subject\", \"value\": \"" + "x".repeat(1001) + "\", \"isRegex\": true}]}]}}")
                .when().put("/routing").then().statusCode(400)
                .body(containsString("more than the 1000 allowed"));
        assertThat(given().auth().oauth2(Fixtures.operator()).when().get("/routing").then().extract().asString())
                .isEqualTo(before);
    }

    /** metering-service raises a LEAK about a meter of {@code account}; returns the open alert's id. */
    private static String open(String account) {
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + Fixtures.unique("G"), "LEAK", "MAJOR",
                    "\"account\":\"" + account + "\"", false));
        }
        // found through the resident's own view, which leaves no entry
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().auth()
                .oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/alerts").then().statusCode(200)
                .extract().path("items[0].id"), found -> found != null);
    }

    private static JsonPath audit(String action, String objectId) {
        return given().auth().oauth2(AUDITOR).queryParam("action", action).queryParam("objectId", objectId)
                .when().get("/audit").then().statusCode(200).extract().jsonPath();
    }
}
