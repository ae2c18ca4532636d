package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        String erin = Fixtures.person(Fixtures.unique("erin"), Roles.DISPATCHER);

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
        given().auth().oauth2(frankToken).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(403)
                .body("detail", equalTo("nobody approves their own export"));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/exports/" + export + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"));

        given().auth().oauth2(frankToken).when().get("/exports/" + export + "/snapshots").then().statusCode(200)
                .body("id", hasItem(event.toString())).body("snapshotRef", hasItem(startsWith("nvr://")));
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).when().get("/exports/" + export + "/snapshots")
                .then().statusCode(403);

        MutableClock.INSTANCE.advance(Duration.ofHours(25));
        given().auth().oauth2(frankToken).when().get("/exports/" + export + "/snapshots").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("expired"));
    }
}
