package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** Retention per zone class and event type, legal hold under an open grant, and a receipt in the chain. */
@QuarkusTest
class RetentionIT {

    @Test
    void aPurgeRemovesExactlyTheExpiredEventsKeepsHeldOnesAndLeavesAReceipt() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String publicCamera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String held = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String pendingOnly = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String residential = Fixtures.camera(Fixtures.zone("RESIDENTIAL"));
        Instant old = now.minus(Duration.ofDays(40));
        UUID expiredPerson;
        UUID expiredMotion;
        UUID keptFire;
        UUID keptPerson;
        UUID heldPerson;
        UUID notHeldPerson;
        UUID expiredResidential;
        UUID keptResidential;
        try (MqttTestClient device = TestStack.mqtt()) {
            expiredPerson = Fixtures.publish(device, publicCamera, old, "PERSON", null);          // 30 d: purged
            expiredMotion = Fixtures.publish(device, publicCamera, now.minus(Duration.ofDays(8)), "MOTION", null);
            keptFire = Fixtures.publish(device, publicCamera, old, "FIRE", null);               // 365 d: kept
            keptPerson = Fixtures.publish(device, publicCamera, now.minus(Duration.ofDays(20)), "PERSON", null);
            heldPerson = Fixtures.publish(device, held, old, "PERSON", null);                   // under a grant
            notHeldPerson = Fixtures.publish(device, pendingOnly, old, "PERSON", null);         // nobody approved
            expiredResidential = Fixtures.publish(device, residential, now.minus(Duration.ofDays(15)), "PLATE",
                    "123ABC02");                                                               // 14 d: purged
            keptResidential = Fixtures.publish(device, residential, now.minus(Duration.ofDays(13)), "PLATE",
                    "123ABC02");
        }
        Fixtures.stored(expiredPerson, expiredMotion, keptFire, keptPerson, heldPerson, notHeldPerson,
                expiredResidential, keptResidential);
        // only a grant an auditor approved holds a purge; one still waiting for approval does not
        String dispatcher = Fixtures.person(Fixtures.unique("judy"), Roles.DISPATCHER);
        Fixtures.approvedInvestigation(dispatcher, "HOLD-1", "[\"" + held + "\"]", old.minus(Duration.ofHours(1)),
                old.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(10)));
        Fixtures.requestGrant(dispatcher, Fixtures.grant("INVESTIGATION", "HOLD-2", "[\"" + pendingOnly + "\"]",
                null, old.minus(Duration.ofHours(1)), old.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(10))));

        String operator = Fixtures.person(Fixtures.unique("karl"), Roles.OPERATOR);
        JsonPath receipt = given().auth().oauth2(operator).contentType("application/json").body("{}")
                .when().post("/retention/purge").then().statusCode(200).extract().jsonPath();

        assertThat(Fixtures.exists(expiredPerson)).isFalse();
        assertThat(Fixtures.exists(expiredMotion)).isFalse();
        assertThat(Fixtures.exists(expiredResidential)).isFalse();
        assertThat(Fixtures.exists(keptFire)).isTrue();
        assertThat(Fixtures.exists(keptPerson)).isTrue();
        assertThat(Fixtures.exists(keptResidential)).isTrue();
        assertThat(Fixtures.exists(heldPerson)).as("held by an approved grant's case").isTrue();
        assertThat(Fixtures.exists(notHeldPerson)).as("a pending grant holds nothing").isFalse();
        assertThat(Fixtures.count("select count(*) from detection_event e join zone z on z.id = e.zone_id"
                + " join retention_policy p on p.privacy_class = z.privacy_class and p.event_type = e.type"
                + " where e.occurred_at < now() - make_interval(days => p.days) and e.camera_id <> ?", held))
                .as("nothing expired is left but what is held").isZero();

        assertThat(receipt.getLong("purged")).isGreaterThanOrEqualTo(3);
        assertThat(receipt.getLong("counts.PERSON")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.getLong("counts.MOTION")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.getLong("counts.PLATE")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.getLong("held")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.getString("policy")).contains("PUBLIC:").contains("PERSON=30d")
                .contains("RESIDENTIAL:");
        assertThat(Instant.parse(receipt.getString("oldest"))).isBeforeOrEqualTo(old);
        String id = receipt.getString("id");

        String auditor = TestStack.token(Roles.AUDITOR);
        JsonPath entry = given().auth().oauth2(auditor).queryParam("action", "PURGE").queryParam("objectId", id)
                .when().get("/audit").then().statusCode(200).body("items.size()", equalTo(1)).extract().jsonPath();
        assertThat(entry.getString("items[0].detail")).contains("receipt=" + id).contains("PERSON=")
                .contains("held=").contains("policy=");
        assertThat(entry.getLong("items[0].seq")).isEqualTo(receipt.getLong("auditSeq"));
        given().auth().oauth2(auditor).when().get("/retention/receipts").then().statusCode(200)
                .body("id", hasItem(id));
        given().auth().oauth2(auditor).when().get("/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));

        // a second purge finds nothing more to delete, and still keeps the held event
        given().auth().oauth2(operator).contentType("application/json").body("{}")
                .when().post("/retention/purge").then().statusCode(200).body("purged", equalTo(0));
        assertThat(Fixtures.exists(heldPerson)).isTrue();
    }

    @Test
    void loweringRetentionWaitsForASecondPersonWhileRaisingItDoesNot() throws Exception {
        String sam = Fixtures.unique("sam");
        String samToken = Fixtures.person(sam, Roles.OPERATOR, Roles.AUDITOR);
        String auditor = Fixtures.person(Fixtures.unique("tess"), Roles.AUDITOR);

        String change = given().auth().oauth2(samToken).contentType("application/json").body("{\"days\":2}")
                .when().put("/retention/policies/RESTRICTED/CROWD").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("fromDays", equalTo(30)).body("toDays", equalTo(2))
                .extract().path("id");
        assertThat(days("RESTRICTED", "CROWD")).as("nothing changed yet").isEqualTo(30);
        given().auth().oauth2(samToken).contentType("application/json").body("{\"days\":1}")
                .when().put("/retention/policies/RESTRICTED/CROWD").then().statusCode(409);
        given().auth().oauth2(samToken).contentType("application/json").body("{}")
                .when().post("/retention/changes/" + change + "/approve").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("nobody approves their own retention change"));
        given().auth().oauth2(Fixtures.operator()).contentType("application/json").body("{}")
                .when().post("/retention/changes/" + change + "/approve").then().statusCode(403);
        assertThat(days("RESTRICTED", "CROWD")).isEqualTo(30);

        given().auth().oauth2(auditor).contentType("application/json").body("{}")
                .when().post("/retention/changes/" + change + "/approve").then().statusCode(200)
                .body("status", equalTo("APPLIED"));
        assertThat(days("RESTRICTED", "CROWD")).isEqualTo(2);

        // raising it back applies at once; a lowering denied changes nothing
        given().auth().oauth2(samToken).contentType("application/json").body("{\"days\":30}")
                .when().put("/retention/policies/RESTRICTED/CROWD").then().statusCode(200)
                .body("status", equalTo("APPLIED"));
        assertThat(days("RESTRICTED", "CROWD")).isEqualTo(30);
        String denied = given().auth().oauth2(samToken).contentType("application/json").body("{\"days\":5}")
                .when().put("/retention/policies/RESTRICTED/CROWD").then().statusCode(202).extract().path("id");
        given().auth().oauth2(auditor).contentType("application/json").body("{}")
                .when().post("/retention/changes/" + denied + "/deny").then().statusCode(200)
                .body("status", equalTo("DENIED"));
        assertThat(days("RESTRICTED", "CROWD")).isEqualTo(30);
        given().auth().oauth2(auditor).when().get("/retention/changes").then().statusCode(200)
                .body("find { it.id == '" + change + "' }.decidedBy", org.hamcrest.Matchers.notNullValue())
                .body("find { it.id == '" + denied + "' }.status", equalTo("DENIED"));
        given().auth().oauth2(auditor).queryParam("actor", sam).when().get("/audit").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("RETENTION_CHANGE_REQUEST",
                        "RETENTION_POLICY_CHANGE", "RETENTION_CHANGE_REQUEST"));
    }

    private static long days(String privacyClass, String type) throws Exception {
        return Fixtures.count("select days from retention_policy where privacy_class = ? and event_type = ?",
                privacyClass, type);
    }

    @Test
    void policiesAreReadableChangedOnlyByOperatorsAndValidated() {
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).when().get("/retention/policies").then()
                .statusCode(200).body("find { it.privacyClass == 'PUBLIC' && it.eventType == 'FIRE' }.days",
                        equalTo(365))
                .body("size()", equalTo(24));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).contentType("application/json").body("{\"days\":1}")
                .when().put("/retention/policies/PUBLIC/FIRE").then().statusCode(403);
        given().auth().oauth2(Fixtures.operator()).contentType("application/json").body("{\"days\":0}")
                .when().put("/retention/policies/PUBLIC/FIRE").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json").body("{\"days\":3}")
                .when().put("/retention/policies/PUBLIC/UFO").then().statusCode(400)
                .body("errors[0].field", equalTo("eventType"));
    }
}
