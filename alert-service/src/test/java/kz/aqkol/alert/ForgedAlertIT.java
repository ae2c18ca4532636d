package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * An alarm speaks only for its sender: camera-service's open TAMPER alert cannot be resolved (nor an alert raised)
 * in camera-service's name by an operator, by another service's token, or by a message on another service's topic.
 * Each forgery is refused with a clear error and leaves the alert open.
 */
@QuarkusTest
class ForgedAlertIT {

    private static final String CAMERA = "camera-service";
    private static final String FORBIDDEN = "urn:aqkol:problem:forbidden";

    @Test
    void anOperatorCannotResolveAServicesAlertThroughPostAlertsAndItStaysOpen() {
        String camera = "camera:" + Fixtures.unique("CAM");
        String id = openTamper(camera);

        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body(Fixtures.alert(CAMERA, camera, "TAMPER", "MAJOR", "", true))
                .when().post("/alerts").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN))
                .body("detail", containsString("person.op-dana cannot raise or resolve alerts of camera-service"))
                .body("detail", containsString("POST /alerts/{id}/resolve"));

        assertStillOpen(id);
    }

    @Test
    void anOperatorRaisesAndResolvesAlertsInTheirOwnNameOnly() {
        String subject = "street:" + Fixtures.unique("lamp");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body(Fixtures.alert("person.op-dana", subject, "DARK", "MINOR", "", false))
                .when().post("/alerts").then().statusCode(200)
                .body("[0].source", equalTo("person.op-dana")).body("[0].status", equalTo("OPEN"));
        given().auth().oauth2(TestStack.token(Roles.OPERATOR, "op-timur")).contentType("application/json")
                .body(Fixtures.alert("person.op-dana", subject, "DARK", "MINOR", "", true))
                .when().post("/alerts").then().statusCode(403).body("type", equalTo(FORBIDDEN));

        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body(Fixtures.alert("person.op-dana", subject, "DARK", "MINOR", "", true))
                .when().post("/alerts").then().statusCode(200).body("[0].status", equalTo("RESOLVED"));
    }

    @Test
    void aServiceTokenRaisesAndResolvesOnlyItsOwnSourcesAlerts() {
        String camera = "camera:" + Fixtures.unique("CAM");
        String id = openTamper(camera);
        String metering = TestStack.token(Roles.SERVICE, "metering-service");

        given().auth().oauth2(metering).contentType("application/json")
                .body(Fixtures.alert(CAMERA, camera, "TAMPER", "MAJOR", "", true))
                .when().post("/alerts").then().statusCode(403).body("type", equalTo(FORBIDDEN))
                .body("detail", containsString("metering-service cannot raise or resolve alerts of camera-service"));
        assertStillOpen(id);

        String other = "camera:" + Fixtures.unique("CAM");
        given().auth().oauth2(metering).contentType("application/json")
                .body(Fixtures.alert(CAMERA, other, "FIRE", "CRITICAL", "", false))
                .when().post("/alerts").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        given().auth().oauth2(Fixtures.operator()).queryParam("source", CAMERA).queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200)
                .body("items.findAll { it.subject == '" + other + "' }", empty());

        given().auth().oauth2(metering).contentType("application/json")
                .body(Fixtures.alert("metering-service", "meter:" + Fixtures.unique("G"), "LEAK", "MAJOR", "", false))
                .when().post("/alerts").then().statusCode(200).body("[0].source", equalTo("metering-service"));
    }

    @Test
    void aPrometheusTokenCannotFireAlertmanagerAlertsInAnotherSourcesName() {
        String camera = "camera:" + Fixtures.unique("CAM");
        String id = openTamper(camera);

        given().auth().oauth2(TestStack.token(Roles.SERVICE, "prometheus")).contentType("application/json")
                .body("[{\"labels\": {\"alertname\": \"TAMPER\", \"source\": \"camera-service\", \"subject\": \""
                        + camera + "\"}, \"endsAt\": \"" + Instant.now().minusSeconds(1) + "\"}]")
                .when().post("/api/v2/alerts").then().statusCode(403).contentType("application/json")
                .body(containsString("\"an alert speaks only for its sender: prometheus cannot raise or resolve alerts "
                        + "of camera-service\""));

        assertStillOpen(id);
    }

    @Test
    void aResolveOnMeteringsTopicClaimingCameraServiceIsDeadLetteredAndTheAlertStaysOpen() {
        String camera = "camera:" + Fixtures.unique("CAM");
        String id = openTamper(camera);

        JsonNode letter = ServiceChecks.deadLettered("alert-service", Topics.alerts("metering-service"),
                Fixtures.alert(CAMERA, camera, "TAMPER", "MAJOR", "", true),
                "metering-service cannot raise or resolve alerts of camera-service");

        assertThat(letter.path("field").asText()).isEqualTo("source");
        assertStillOpen(id);
    }

    /** camera-service raises TAMPER about {@code camera} on its own topic; returns the open alert's id. */
    private static String openTamper(String camera) {
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Topics.alerts(CAMERA), Fixtures.alert(CAMERA, camera, "TAMPER", "MAJOR",
                    "\"camera\":\"" + camera + "\"", false));
        }
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(Fixtures.operator())
                .queryParam("source", CAMERA).queryParam("label", "camera=" + camera)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath()
                .getString("items[0].id"), found -> found != null);
    }

    private static void assertStillOpen(String id) {
        given().auth().oauth2(Fixtures.operator()).when().get("/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("source", equalTo(CAMERA)).body("resolvedAt", nullValue())
                .body("occurrences", equalTo(1));
        assertThat(given().auth().oauth2(Fixtures.operator()).when().get("/alerts/" + id + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("kind")).containsExactly("OPENED");
    }
}
