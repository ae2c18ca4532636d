package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** Every look at the footage and every decision about it is in the platform's hash chain, which detects edits. */
@QuarkusTest
class AuditIT {

    @Test
    void everySearchReadDenialGrantDecisionExportAndPolicyChangeIsInTheChainUnderItsPerson() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        UUID event = Fixtures.publish(camera, t0.plus(Duration.ofMinutes(1)), "PERSON", null);
        Fixtures.stored(event);
        String gina = Fixtures.unique("gina");
        String ginaToken = Fixtures.person(gina, Roles.DISPATCHER);
        String hank = Fixtures.unique("hank");
        String hankToken = Fixtures.person(hank, Roles.AUDITOR);
        String ivan = Fixtures.unique("ivan");
        String ivanToken = Fixtures.person(ivan, Roles.OPERATOR);

        given().auth().oauth2(ginaToken).queryParam("camera", camera).when().get("/events").then().statusCode(200);
        given().auth().oauth2(ginaToken).when().get("/events/" + event).then().statusCode(403);
        String grant = Fixtures.requestGrant(ginaToken, Fixtures.grant("INVESTIGATION", "AUD-1",
                "[\"" + camera + "\"]", null, t0, t0.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1))));
        given().auth().oauth2(hankToken).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(200);
        given().auth().oauth2(ginaToken).queryParam("grant", grant).when().get("/events/" + event).then()
                .statusCode(200);
        String export = given().auth().oauth2(ginaToken).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\"}").when().post("/exports").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(hankToken).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/deny").then().statusCode(200);
        String denied = Fixtures.requestGrant(ginaToken, Fixtures.grant("MAINTENANCE", "AUD-2",
                "[\"" + camera + "\"]", null, t0, t0.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1))));
        given().auth().oauth2(hankToken).contentType("application/json").body("{}")
                .when().post("/grants/" + denied + "/deny").then().statusCode(200);
        given().auth().oauth2(ivanToken).contentType("application/json").body("{\"days\":8}")
                .when().put("/retention/policies/PUBLIC/MOTION").then().statusCode(200).body("toDays", equalTo(8));
        String lowering = given().auth().oauth2(ivanToken).contentType("application/json").body("{\"days\":7}")
                .when().put("/retention/policies/PUBLIC/MOTION").then().statusCode(202).extract().path("id");
        given().auth().oauth2(hankToken).contentType("application/json").body("{}")
                .when().post("/retention/changes/" + lowering + "/approve").then().statusCode(200);

        String auditor = TestStack.token(Roles.AUDITOR);
        assertThat(actions(auditor, gina)).contains("EVENT_SEARCH", "ACCESS_DENIED", "GRANT_REQUEST", "EVENT_READ",
                "EXPORT_REQUEST");
        assertThat(actions(auditor, hank)).contains("GRANT_APPROVE", "GRANT_DENY", "EXPORT_DENY",
                "RETENTION_POLICY_CHANGE");
        assertThat(actions(auditor, ivan)).containsExactly("RETENTION_POLICY_CHANGE", "RETENTION_CHANGE_REQUEST");
        JsonPath read = given().auth().oauth2(auditor).queryParam("actor", gina).queryParam("action", "EVENT_READ")
                .when().get("/audit").then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("items[0].objectId")).isEqualTo(event.toString());
        assertThat(read.getString("items[0].purpose")).isEqualTo("INVESTIGATION");
        assertThat(read.getString("items[0].detail")).contains("AUD-1");

        given().auth().oauth2(ginaToken).when().get("/audit").then().statusCode(403);
        given().auth().oauth2(auditor).when().get("/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void editingOneAuditRowMakesVerifyNameThatRow() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        given().auth().oauth2(Fixtures.operator()).queryParam("camera", camera).when().get("/events").then()
                .statusCode(200);
        given().auth().oauth2(Fixtures.operator()).queryParam("zone", "x").when().get("/events").then()
                .statusCode(200);
        String auditor = TestStack.token(Roles.AUDITOR);
        long seq = given().auth().oauth2(auditor).queryParam("action", "EVENT_SEARCH").when().get("/audit").then()
                .statusCode(200).extract().jsonPath().getLong("items[1].seq");

        String original;
        try (Connection db = Fixtures.db()) {
            try (PreparedStatement q = db.prepareStatement("select detail from audit_entry where seq = ?")) {
                q.setLong(1, seq);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    original = rs.getString(1);
                }
            }
            try (PreparedStatement edit = db.prepareStatement("update audit_entry set detail = ? where seq = ?")) {
                edit.setString(1, "nothing to see here");
                edit.setLong(2, seq);
                assertThat(edit.executeUpdate()).isEqualTo(1);
            }
            try {
                given().auth().oauth2(auditor).when().get("/audit/verify").then().statusCode(200)
                        .body("intact", equalTo(false))
                        .body("firstBrokenSeq", equalTo((int) seq))
                        .body("reason", equalTo("entry " + seq + " was altered after it was written"));
            } finally {
                try (PreparedStatement restore = db.prepareStatement(
                        "update audit_entry set detail = ? where seq = ?")) {
                    restore.setString(1, original);
                    restore.setLong(2, seq);
                    restore.executeUpdate();
                }
            }
        }
        given().auth().oauth2(auditor).when().get("/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    private static List<String> actions(String auditor, String actor) {
        List<String> actions = given().auth().oauth2(auditor).queryParam("actor", actor).queryParam("limit", 100)
                .when().get("/audit").then().statusCode(200).extract().jsonPath().getList("items.action");
        List<String> oldestFirst = new java.util.ArrayList<>(actions);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
