package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A watch-list entry needs an INVESTIGATION grant a second person approved, and ends with it or at its expiry. */
@QuarkusTest
class WatchListIT {

    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

    @AfterEach
    void resetClock() {
        MutableClock.INSTANCE.reset();
    }

    @Test
    void withoutAnApprovedInvestigationGrantNothingIsWatched() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String olga = Fixtures.unique("olga");
        String token = Fixtures.person(olga, Roles.DISPATCHER);
        String plate = plate();
        String cameras = "[\"" + camera + "\"]";
        Instant expires = Instant.now().plus(Duration.ofDays(3));

        // no grant at all, a pending one, an INCIDENT one (active at once, approved by nobody), a MAINTENANCE one
        String pending = Fixtures.requestGrant(token, Fixtures.grant("INVESTIGATION", "W-1", cameras, null, FROM,
                expires, expires));
        String incident = Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", "W-2", cameras, null, FROM,
                FROM.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(2))));
        String maintenance = Fixtures.requestGrant(token, Fixtures.grant("MAINTENANCE", "W-3", cameras, null, FROM,
                expires, expires));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/grants/" + maintenance + "/approve").then().statusCode(200);
        for (String grant : List.of(UUID.randomUUID().toString(), pending, incident, maintenance)) {
            given().auth().oauth2(token).contentType("application/json").body(watch(grant, plate, null))
                    .when().post("/watchlist").then().statusCode(403).contentType("application/problem+json");
        }
        // operators, who hold no grants, cannot watch at all
        given().auth().oauth2(Fixtures.operator()).contentType("application/json").body(watch(pending, plate, null))
                .when().post("/watchlist").then().statusCode(403);

        assertThat(entries(plate)).as("nothing stored").isZero();
        assertThat(Fixtures.count("select count(*) from audit_entry where actor = ? and action = 'ACCESS_DENIED'",
                olga)).as("each refusal is in the audit chain").isEqualTo(4);
    }

    @Test
    void aGrantTheRequesterApprovedThemselvesWatchesNothing() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String pavel = Fixtures.unique("pavel");
        String token = Fixtures.person(pavel, Roles.DISPATCHER, Roles.AUDITOR);
        String plate = plate();
        Instant expires = Instant.now().plus(Duration.ofDays(3));
        String grant = Fixtures.requestGrant(token, Fixtures.grant("INVESTIGATION", "W-4", "[\"" + camera + "\"]",
                null, FROM, expires, expires));

        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/approve").then().statusCode(403)
                .body("detail", equalTo("nobody decides on their own grant"));
        given().auth().oauth2(token).contentType("application/json").body(watch(grant, plate, null))
                .when().post("/watchlist").then().statusCode(403);
        // even if the database said so (a self-approval slipped in some other way), the grant is not enough
        try (Connection db = Fixtures.db(); PreparedStatement update = db.prepareStatement(
                "update access_grant set status = 'ACTIVE', decided_by = requested_by where id = ?")) {
            update.setObject(1, UUID.fromString(grant));
            update.executeUpdate();
        }
        given().auth().oauth2(token).contentType("application/json").body(watch(grant, plate, null))
                .when().post("/watchlist").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("an auditor other than you approved"));

        assertThat(entries(plate)).as("nothing stored").isZero();
    }

    @Test
    void anApprovedEntryMatchesOnItsGrantsCamerasUntilItExpiresOrTheGrantEnds() throws Exception {
        String zone = Fixtures.zone("PUBLIC");
        String camera = Fixtures.camera(zone);
        String elsewhere = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String token = Fixtures.person(Fixtures.unique("rita"), Roles.DISPATCHER);
        String plate = plate();
        String caseRef = Fixtures.unique("POL");
        Instant grantExpires = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        String grant = Fixtures.approvedInvestigation(token, caseRef, "[\"" + camera + "\"]", FROM, grantExpires,
                grantExpires);

        // bounded: at most watch-max (14 days) ahead, and never after the grant
        given().auth().oauth2(token).contentType("application/json")
                .body(watch(grant, plate, Instant.now().plus(Duration.ofDays(15)))).when().post("/watchlist").then()
                .statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        assertThat(entries(plate)).isZero();
        String longest = given().auth().oauth2(token).contentType("application/json").body(watch(grant, plate, null))
                .when().post("/watchlist").then().statusCode(201).body("caseRef", equalTo(caseRef))
                .body("grant", equalTo(grant)).extract().path("id");
        String shortEntry = given().auth().oauth2(token).contentType("application/json")
                .body(watch(grant, plate, Instant.now().plus(Duration.ofHours(1)))).when().post("/watchlist").then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).when().get("/watchlist").then().statusCode(200)
                .body("id", hasItem(longest)).body(not(containsString(Fixtures.plateHash(plate))));

        // seen by the grant's camera: both entries raise WATCHLIST; seen elsewhere: nothing
        seen(camera, plate);
        seen(elsewhere, plate);
        assertThat(alerts(longest)).isEqualTo(1);
        assertThat(alerts(shortEntry)).isEqualTo(1);

        // two hours on, the short entry has expired: only the long one still matches
        MutableClock.INSTANCE.advance(Duration.ofHours(2));
        seen(camera, plate);
        assertThat(alerts(longest)).isEqualTo(2);
        assertThat(alerts(shortEntry)).as("an expired entry stops matching").isEqualTo(1);

        // the grant is revoked: the long entry ends with it
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/revoke").then().statusCode(200);
        seen(camera, plate);
        assertThat(alerts(longest)).as("an entry ends with its grant").isEqualTo(2);

        // the addition is in the chain with the plate's keyed hash, never the plate
        String detail = given().auth().oauth2(TestStack.token(Roles.AUDITOR)).queryParam("action", "WATCHLIST_ADD")
                .queryParam("objectId", longest).when().get("/audit").then().statusCode(200)
                .extract().path("items[0].detail");
        assertThat(detail).contains("grant=" + grant).contains("plate=" + Fixtures.plateHash(plate))
                .doesNotContainIgnoringCase(plate);

        // and counted in the public report, once its month has closed
        MutableClock.INSTANCE.advance(Duration.ofDays(40));
        String month = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).toString();
        List<Map<String, Object>> watchlist = given().queryParam("period", month).when()
                .get("/transparency/report").then().statusCode(200).extract().path("watchlist");
        assertThat(watchlist).anySatisfy(count -> {
            assertThat(count.get("group")).isEqualTo(Map.of("measure", "added"));
            assertThat(count.get("suppressed").equals(true) || ((Integer) count.get("count")) >= 2).isTrue();
        });
    }

    private static String plate() {
        return "WL" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 4);
    }

    private static String watch(String grant, String plate, Instant expiresAt) {
        return "{\"grant\":\"" + grant + "\",\"plate\":\"" + plate + "\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
    }

    private static long entries(String plate) throws SQLException {
        return Fixtures.count("select count(*) from watch_entry where plate_hash = ?", Fixtures.plateHash(plate));
    }

    /** Publishes a detection of the plate now (by the application's clock) and waits until it is stored. */
    private static void seen(String camera, String plate) {
        UUID event = Fixtures.publish(camera, MutableClock.INSTANCE.instant(), "PLATE", plate);
        Fixtures.stored(event);
    }

    /** WATCHLIST alerts of an entry, in the outbox: written in the same transaction as the event that raised them. */
    private static long alerts(String entry) throws SQLException {
        return Fixtures.count("select count(*) from outbox where convert_from(payload, 'UTF8') like ?",
                "%\"subject\":\"watchlist:" + entry + "\"%");
    }
}
