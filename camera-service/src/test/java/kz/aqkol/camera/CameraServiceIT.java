package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CameraServiceIT {

    @Test
    void isReadyWithItsDatabaseAndBrokerAndServesMetricsAndOpenApi() {
        ServiceChecks.readyWithDatabaseAndBroker("camera-status", "camera-events");
        ServiceChecks.servesMetricsAndOpenApi("camera-service");
    }

    @Test
    void metricsPassPrometheusStrictParserAsTextAndOpenMetricsAndCarryEveryDocumentedMetric() {
        ServiceChecks.metricsParseStrictlyAndMatchTheCatalogue("camera-service");
    }

    @Test
    void camerasAreForOperatorsAndDispatchers() {
        ServiceChecks.guarded("/cameras", Roles.OPERATOR, Roles.RESIDENT);
    }

    @Test
    void malformedMessagesOnEveryInboundTopicAreDeadLetteredAndTheServiceStaysReady() {
        String camera = "CAM-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceChecks.deadLettered("camera-service", Topics.cameraStatus(camera),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}", "online: is required");
        ServiceChecks.deadLettered("camera-service", Topics.cameraEvents(camera),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"type\":\"PERSON\"}",
                "confidence: is required");
        // one carrying a plate is dead-lettered with the plate pseudonymised: PlatePrivacyIT
        ServiceChecks.readyWithDatabaseAndBroker("camera-status", "camera-events");
    }

    @Test
    void aZoneNeedsOnlyItsIdAndPrivacyClassAndIsNamedAfterItsIdAsTheContractAgreed() {
        String zone = "zone-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestStack.token(Roles.OPERATOR);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"" + zone + "\",\"privacyClass\":\"PUBLIC\"}")
                .when().post("/zones").then().statusCode(201)
                .header("Location", endsWith("/zones/" + zone))
                .body("id", equalTo(zone)).body("name", equalTo(zone)).body("privacyClass", equalTo("PUBLIC"));
        given().auth().oauth2(token).when().get("/zones").then().statusCode(200)
                .body("find { it.id == '" + zone + "' }.name", equalTo(zone));

        // a name that is given must still say something: a blank one is refused and nothing is stored
        String blank = zone + "-blank";
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"" + blank + "\",\"name\":\" \",\"privacyClass\":\"PUBLIC\"}")
                .when().post("/zones").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:aqkol:problem:validation")).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(token).when().get("/zones").then().statusCode(200)
                .body("id", not(hasItem(blank)));
    }

    @Test
    void aHeartbeatFromAKnownCameraUpdatesItsStatus() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = TestStack.token(Roles.OPERATOR);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"zone-" + run + "\",\"name\":\"School gate\",\"privacyClass\":\"PUBLIC\"}")
                .when().post("/zones").then().statusCode(201);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"CAM-" + run + "\",\"name\":\"Gate\",\"zone\":\"zone-" + run + "\",\"kind\":\"FIXED\","
                        + "\"streamUrl\":\"rtsp://nvr.local/cam\"}")
                .when().post("/cameras").then().statusCode(201);

        try (MqttTestClient camera = TestStack.mqtt()) {
            camera.publish(Topics.cameraStatus("CAM-" + run), "{\"id\":\"" + UUID.randomUUID()
                    + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"online\":true,\"firmware\":\"5.7.3\","
                    + "\"storageFreePct\":41}");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/cameras/CAM-" + run).then().statusCode(200)
                .body("online", equalTo(true)).body("firmware", equalTo("5.7.3"))
                .body("lastSeen", equalTo("2026-11-25T10:00:00Z")));
    }

    @Test
    void aStreamUrlIsReadOnlyByAnOperatorAndEveryReadingIsAudited() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String operator = "op-" + run;
        String token = TestStack.stack().tokens().issue(operator, Duration.ofHours(1), Roles.OPERATOR);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"zone-" + run + "\",\"name\":\"School gate\",\"privacyClass\":\"PUBLIC\"}")
                .when().post("/zones").then().statusCode(201);
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"id\":\"CAM-" + run + "\",\"name\":\"Gate\",\"zone\":\"zone-" + run + "\",\"kind\":\"FIXED\","
                        + "\"streamUrl\":\"rtsp://nvr.local/cam\"}")
                .when().post("/cameras").then().statusCode(201).body("streamUrl", equalTo(null))
                .body("hasStream", equalTo(true));

        // no view of cameras carries the stream, for any role
        for (String role : new String[] {Roles.OPERATOR, Roles.DISPATCHER}) {
            given().auth().oauth2(TestStack.token(role)).when().get("/cameras/CAM-" + run).then().statusCode(200)
                    .body("streamUrl", equalTo(null)).body(not(containsString("rtsp://")));
            given().auth().oauth2(TestStack.token(role)).queryParam("zone", "zone-" + run).when().get("/cameras")
                    .then().statusCode(200).body(not(containsString("rtsp://")));
        }
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/cameras/CAM-" + run + "/stream")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/cameras/CAM-" + run + "/stream").then().statusCode(200)
                .body("streamUrl", equalTo("rtsp://nvr.local/cam"));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("actor", operator)
                .queryParam("action", "STREAM_READ").when().get("/audit").then().statusCode(200)
                .body("items.objectId", contains("CAM-" + run));
    }
}
