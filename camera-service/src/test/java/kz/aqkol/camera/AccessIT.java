package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Grants bound details to a purpose, a scope, a window and a time; exports need a second person. */
@QuarkusTest
class AccessIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));

    @AfterEach
    void resetClock() {
        MutableClock.INSTANCE.reset();
    }

    @Test
    void detailsNeedAGrantInScopeAndBeforeExpiry() {
        String zone = Fixtures.zone("PUBLIC");
        String camera = Fixtures.camera(zone);
        String elsewhere = Fixtures.camera(Fixtures.zone("PUBLIC"));
        UUID inside;
        UUID before;
        UUID otherCamera;
        try (MqttTestClient device = TestStack.mqtt()) {
            inside = Fixtures.publish(device, camera, T0.plus(Duration.ofMinutes(30)), "PERSON", null);
            before = Fixtures.publish(device, camera, T0.minus(Duration.ofMinutes(30)), "PERSON", null);
            otherCamera = Fixtures.publish(device, elsewhere, T0.plus(Duration.ofMinutes(30)), "PERSON", null);
        }
        Fixtures.stored(inside, before, otherCamera);
        String alice = Fixtures.person(Fixtures.unique("alice"), Roles.DISPATCHER);
        String bob = Fixtures.person(Fixtures.unique("bob"), Roles.DISPATCHER);

        // no grant: 403
        given().auth().oauth2(alice).when().get("/events/" + inside).then().statusCode(403)
                .contentType("application/problem+json");

        String grant = Fixtures.requestGrant(alice, Fixtures.grant("INCIDENT", "INC-1", "[\"" + camera + "\"]", null,
                T0, T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(2))));

        // in scope: 200, with the snapshot reference
        given().auth().oauth2(alice).queryParam("grant", grant).when().get("/events/" + inside).then()
                .statusCode(200).body("id", equalTo(inside.toString())).body("camera", equalTo(camera))
                .body("snapshotRef", startsWith("nvr://"));
        // outside the window, another camera, someone else using it: 403
        given().auth().oauth2(alice).queryParam("grant", grant).when().get("/events/" + before).then()
                .statusCode(403);
        given().auth().oauth2(alice).queryParam("grant", grant).when().get("/events/" + otherCamera).then()
                .statusCode(403);
        given().auth().oauth2(bob).queryParam("grant", grant).when().get("/events/" + inside).then()
                .statusCode(403);
        // expired: 403
        MutableClock.INSTANCE.advance(Duration.ofHours(3));
        given().auth().oauth2(alice).queryParam("grant", grant).when().get("/events/" + inside).then()
                .statusCode(403).body("detail", org.hamcrest.Matchers.containsString("expired"));
    }

    @Test
    void anInvestigationGrantWaitsForAnAuditorWhoIsNotTheRequesterAndAZoneGrantCoversItsCameras() {
        String zone = Fixtures.zone("RESIDENTIAL");
        String camera = Fixtures.camera(zone);
        UUID event = Fixtures.publish(camera, T0.plus(Duration.ofMinutes(5)), "VEHICLE", null);
        Fixtures.stored(event);
        String carol = Fixtures.unique("carol");
        String carolToken = Fixtures.person(carol, Roles.DISPATCHER, Roles.AUDITOR);
        String grant = Fixtures.requestGrant(carolToken, Fixtures.grant("INVESTIGATION", "POL-2026-17", null, zone,
                T0, T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(7))));
        given().auth().oauth2(carolToken).when().get("/grants/" + grant).then().statusCode(200)
                .body("status", equalTo("PENDING"));

        given().auth().oauth2(carolToken).queryParam("grant", grant).when().get("/events/" + event).then()
                .statusCode(403);
        given().auth().oauth2(carolToken).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json")
                .body("{\"note\":\"court order 17\"}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));

        given().auth().oauth2(carolToken).queryParam("grant", grant).when().get("/events/" + event).then()
                .statusCode(200).body("zone", equalTo(zone));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(409);

        // dispatchers list their own grants, auditors everyone's
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/grants").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(grant)));
        given().auth().oauth2(carolToken).queryParam("status", "ACTIVE").when().get("/grants").then()
                .statusCode(200).body("items.id", hasItem(grant));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("limit", 500).when().get("/grants").then()
                .statusCode(200).body("items.id", hasItem(grant));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/grants/" + grant).then()
                .statusCode(404);
        given().auth().oauth2(carolToken).queryParam("status", "MAYBE").when().get("/grants").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void aDeniedGrantGivesNothingAndGrantRequestsAreValidated() {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String dave = Fixtures.person(Fixtures.unique("dave"), Roles.DISPATCHER);
        String grant = Fixtures.requestGrant(dave, Fixtures.grant("MAINTENANCE", "MNT-1", "[\"" + camera + "\"]",
                null, T0, T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1))));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/deny").then().statusCode(200).body("status", equalTo("DENIED"));

        given().auth().oauth2(dave).contentType("application/json")
                .body(Fixtures.grant("INCIDENT", "INC-2", null, null, T0, T0.plus(Duration.ofHours(1)),
                        Instant.now().plus(Duration.ofHours(1))))
                .when().post("/grants").then().statusCode(400).body("errors[0].field", equalTo("cameras"));
        given().auth().oauth2(dave).contentType("application/json")
                .body(Fixtures.grant("INCIDENT", "INC-2", "[\"" + camera + "\"]", null, T0,
                        T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(3))))
                .when().post("/grants").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        given().auth().oauth2(dave).contentType("application/json")
                .body(Fixtures.grant("CURIOSITY", "X-1", "[\"" + camera + "\"]", null, T0,
                        T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1))))
                .when().post("/grants").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body(Fixtures.grant("INCIDENT", "INC-2", "[\"" + camera + "\"]", null, T0,
                        T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1))))
                .when().post("/grants").then().statusCode(403);
    }

    @Test
    void aPlateIsFoundOnlyBySupplyingItUnderAGrant() {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String plate = "P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID seen = Fixtures.publish(camera, T0.plus(Duration.ofMinutes(10)), "PLATE", plate);
        UUID other = Fixtures.publish(camera, T0.plus(Duration.ofMinutes(11)), "PLATE", "ZZ999");
        Fixtures.stored(seen, other);
        String erinName = Fixtures.unique("erin");
        String erin = Fixtures.person(erinName, Roles.DISPATCHER);

        given().auth().oauth2(erin).contentType("application/json")
                .body("{\"grant\":\"" + UUID.randomUUID() + "\",\"plate\":\"" + plate + "\"}")
                .when().post("/events/plate-lookups").then().statusCode(403);
        String grant = Fixtures.requestGrant(erin, Fixtures.grant("INCIDENT", "INC-3", "[\"" + camera + "\"]", null,
                T0, T0.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1))));
        given().auth().oauth2(erin).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"plate\":\"" + plate.toLowerCase() + "\"}")
                .when().post("/events/plate-lookups").then().statusCode(200)
                .body("id", contains(seen.toString())).body("[0].plateRecorded", equalTo(true));
        given().auth().oauth2(erin).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"plate\":\"NOPE1\"}")
                .when().post("/events/plate-lookups").then().statusCode(200).body("$", empty());
        given().auth().oauth2(erin).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"plate\":\"" + plate + "\"}")
                .when().post("/events/plate-lookups").then().statusCode(200);

        // the auditor sees the same car looked up again and again, by its keyed hash, never by its plate
        String hash = Fixtures.plateHash(plate);
        JsonPath lookups = given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("objectType", "plate")
                .queryParam("objectId", hash).when().get("/audit").then().statusCode(200).extract().jsonPath();
        assertThat(lookups.getList("items.action")).containsExactlyInAnyOrder("PLATE_LOOKUP", "PLATE_LOOKUP",
                "ACCESS_DENIED");
        assertThat(lookups.getList("items.actor")).containsOnly(erinName);
        assertThat(lookups.prettify()).doesNotContainIgnoringCase(plate);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("objectType", "plate")
                .queryParam("objectId", Fixtures.plateHash("NOPE1")).when().get("/audit").then().statusCode(200)
                .body("items.action", contains("PLATE_LOOKUP"));
    }

    @Test
    void anIncidentGrantReachesBackABoundedTimeAndIsCheckedOnEveryAccess() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        UUID recent = Fixtures.publish(camera, now.minus(Duration.ofHours(2)), "PERSON", null);
        Fixtures.stored(recent);
        String nina = Fixtures.unique("nina");
        String token = Fixtures.person(nina, Roles.DISPATCHER);
        String caseRef = Fixtures.unique("INC-OLD");

        given().auth().oauth2(token).contentType("application/json")
                .body(Fixtures.grant("INCIDENT", caseRef, "[\"" + camera + "\"]", null,
                        now.minus(Duration.ofHours(73)), now, now.plus(Duration.ofHours(1))))
                .when().post("/grants").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"))
                .body("detail", org.hamcrest.Matchers.containsString("INVESTIGATION"));
        assertThat(Fixtures.count("select count(*) from access_grant where case_ref = ?", caseRef)).isZero();

        String grant = Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", caseRef, "[\"" + camera + "\"]",
                null, now.minus(Duration.ofHours(71)), now, now.plus(Duration.ofHours(1))));
        given().auth().oauth2(token).queryParam("grant", grant).when().get("/events/" + recent).then()
                .statusCode(200);
        // a window widened behind the service's back (in the database) is refused at the next look
        try (Connection db = Fixtures.db(); PreparedStatement widen = db.prepareStatement(
                "update access_grant set window_from = window_from - interval '30 days' where id = ?")) {
            widen.setObject(1, UUID.fromString(grant));
            widen.executeUpdate();
        }
        given().auth().oauth2(token).queryParam("grant", grant).when().get("/events/" + recent).then()
                .statusCode(403).body("detail", org.hamcrest.Matchers.containsString("reaches back further"));
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"plate\":\"ANY1\"}")
                .when().post("/events/plate-lookups").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body("{\"grant\":\"" + grant + "\"}")
                .when().post("/exports").then().statusCode(403);
    }

    @Test
    void aSecondIncidentGrantOverTheSameCamerasIsNotChainedToTheFirst() throws Exception {
        String zone = Fixtures.zone("PUBLIC");
        String camera = Fixtures.camera(zone);
        String other = Fixtures.camera(Fixtures.zone("PUBLIC"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String oleg = Fixtures.unique("oleg");
        String token = Fixtures.person(oleg, Roles.DISPATCHER);
        String first = Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", "INC-C1", "[\"" + camera + "\"]",
                null, now.minus(Duration.ofHours(71)), now, now.plus(Duration.ofHours(24))));
        String chained = Fixtures.unique("INC-C2");

        // the same camera, or its zone: refused while the first is open, and the attempt is in the chain
        for (String body : List.of(
                Fixtures.grant("INCIDENT", chained, "[\"" + camera + "\"]", null, now.minus(Duration.ofHours(71)),
                        now, now.plus(Duration.ofHours(24))),
                Fixtures.grant("INCIDENT", chained, null, zone, now.minus(Duration.ofHours(71)), now,
                        now.plus(Duration.ofHours(24))))) {
            given().auth().oauth2(token).contentType("application/json").body(body).when().post("/grants").then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("not chained"));
        }
        assertThat(Fixtures.count("select count(*) from access_grant where case_ref = ?", chained)).isZero();
        assertThat(Fixtures.count("select count(*) from audit_entry where actor = ? and action = 'ACCESS_DENIED'"
                + " and object_id = ?", oleg, first)).isEqualTo(2);

        // another camera, or another person, is not a chain
        Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", "INC-C3", "[\"" + other + "\"]", null,
                now.minus(Duration.ofHours(1)), now, now.plus(Duration.ofHours(1))));
        Fixtures.requestGrant(Fixtures.person(Fixtures.unique("pia"), Roles.DISPATCHER), Fixtures.grant("INCIDENT",
                "INC-C4", "[\"" + camera + "\"]", null, now.minus(Duration.ofHours(1)), now,
                now.plus(Duration.ofHours(1))));
    }

    @Test
    void anExportNeedsASecondPersonWhoIsAnAuditorAndExpires() {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        UUID event = Fixtures.publish(camera, T0.plus(Duration.ofMinutes(20)), "PERSON", null);
        Fixtures.stored(event);
        String frank = Fixtures.unique("frank");
        String frankToken = Fixtures.person(frank, Roles.DISPATCHER, Roles.AUDITOR);
        String grant = Fixtures.requestGrant(frankToken, Fixtures.grant("INCIDENT", "INC-4",
                "[\"" + camera + "\"]", null, T0, T0.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(20))));
        String export = given().auth().oauth2(frankToken).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\"}").when().post("/exports").then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().path("id");

        given().auth().oauth2(frankToken).when().get("/exports/" + export + "/snapshots").then().statusCode(403);
        // auditors find what waits for them; dispatchers list no one's exports
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("status", "PENDING")
                .queryParam("limit", 500).when().get("/exports").then().statusCode(200)
                .body("items.id", hasItem(export))
                .body("items.find { it.id == '" + export + "' }.requestedBy", equalTo(frank));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/exports").then().statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("status", "MAYBE").when().get("/exports")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(frankToken).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(403)
                .body("detail", equalTo("nobody approves their own export"));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("status", "PENDING")
                .queryParam("limit", 500).when().get("/exports").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(export)));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("status", "APPROVED")
                .queryParam("limit", 500).when().get("/exports").then().statusCode(200)
                .body("items.id", hasItem(export));

        given().auth().oauth2(frankToken).when().get("/exports/" + export + "/snapshots").then().statusCode(200)
                .body("id", hasItem(event.toString())).body("snapshotRef", hasItem(startsWith("nvr://")));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/exports/" + export + "/snapshots")
                .then().statusCode(403);

        MutableClock.INSTANCE.advance(Duration.ofHours(25));
        given().auth().oauth2(frankToken).when().get("/exports/" + export + "/snapshots").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("expired"));
    }
}
