package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.camera.event.PlateHasher;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test data through the public API (zones and cameras over REST, detections over MQTT); every id is unique. */
final class Fixtures {

    static final String DATABASE = "aqkol_test_camera";

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String operator() {
        return TestStack.token(Roles.OPERATOR);
    }

    /** A token for a person with these roles, under a fixed subject (the same person across calls). */
    static String person(String subject, String... roles) {
        return TestStack.stack().tokens().issue(subject, Duration.ofHours(1), roles);
    }

    static String zone(String privacyClass) {
        String id = unique("zone").toLowerCase();
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"name\":\"Zone " + id + "\",\"privacyClass\":\"" + privacyClass + "\"}")
                .when().post("/zones").then().statusCode(201);
        return id;
    }

    static String camera(String zone) {
        String id = unique("CAM");
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"name\":\"Camera " + id + "\",\"zone\":\"" + zone
                        + "\",\"kind\":\"FIXED\",\"latitude\":51.99,\"longitude\":70.94,"
                        + "\"streamUrl\":\"rtsp://10.0.0.17/stream\"}")
                .when().post("/cameras").then().statusCode(201);
        return id;
    }

    static String event(UUID id, Instant at, String type, String plate, String snapshot) {
        return "{\"id\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"type\":\"" + type + "\",\"confidence\":0.91"
                + (plate == null ? "" : ",\"plate\":\"" + plate + "\"")
                + (snapshot == null ? "" : ",\"snapshotRef\":\"" + snapshot + "\"") + "}";
    }

    /** Publishes one detection (QoS 1) and returns its id. */
    static UUID publish(MqttTestClient client, String camera, Instant at, String type, String plate) {
        UUID id = UUID.randomUUID();
        client.publish(Topics.cameraEvents(camera), event(id, at, type, plate,
                "nvr://" + camera.toLowerCase() + "/" + at));
        return id;
    }

    static UUID publish(String camera, Instant at, String type, String plate) {
        try (MqttTestClient client = TestStack.mqtt()) {
            return publish(client, camera, at, type, plate);
        }
    }

    /** Waits until the events are stored. */
    static void stored(UUID... ids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (UUID id : ids) {
                if (!exists(id)) {
                    return false;
                }
            }
            return true;
        });
    }

    static boolean exists(UUID event) throws SQLException {
        try (Connection db = db();
             PreparedStatement q = db.prepareStatement("select 1 from detection_event where id = ?")) {
            q.setObject(1, event);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    static long count(String sql, Object... params) throws SQLException {
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Connection db() throws SQLException {
        return TestStack.stack().postgres().connect(DATABASE);
    }

    /** A grant request body. */
    static String grant(String purpose, String caseRef, String camerasJson, String zone, Instant from, Instant to,
                        Instant expires) {
        return "{\"purpose\":\"" + purpose + "\",\"caseRef\":\"" + caseRef + "\""
                + (camerasJson == null ? "" : ",\"cameras\":" + camerasJson)
                + (zone == null ? "" : ",\"zone\":\"" + zone + "\"")
                + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"expiresAt\":\"" + expires
                + "\",\"reason\":\"test\"}";
    }

    static String requestGrant(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/grants").then().statusCode(201).extract().path("id");
    }

    /** An INVESTIGATION grant over the cameras for the holder, approved by an auditor who is someone else. */
    static String approvedInvestigation(String holderToken, String caseRef, String camerasJson, Instant from,
                                        Instant to, Instant expires) {
        String grant = requestGrant(holderToken, grant("INVESTIGATION", caseRef, camerasJson, null, from, to,
                expires));
        given().auth().oauth2(person(unique("auditor"), Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(200);
        return grant;
    }

    /** The keyed hash the service keeps of a plate (the tests' key is in the %test configuration). */
    static String plateHash(String plate) {
        return new PlateHasher(ConfigProvider.getConfig().getValue("aqkol.camera.plate-key", String.class))
                .hash(plate);
    }
}
