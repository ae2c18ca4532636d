package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Detections in monthly partitions: a month long past gets its partition when an event of it arrives, an event too
 * far ahead is refused, and the purge drops a month whole when every event in it is past every retention and none is
 * held, with the same receipt as a purge by rows.
 */
@QuarkusTest
class EventPartitionsIT {

    @Test
    void theCurrentMonthAndTheNextThreeHaveTheirPartition() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(partitions()).contains(name(now), name(now.plusMonths(1)), name(now.plusMonths(3)));
    }

    @Test
    void anEventTooFarAheadIsDeadLetteredWithTheReason() {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        ServiceChecks.deadLettered("camera-service", Topics.cameraEvents(camera),
                Fixtures.event(UUID.randomUUID(), Instant.now().plus(Duration.ofDays(200)), "PERSON", null, null),
                "occurredAt: lies too far in the future");
    }

    /** The key is (id, instant): a redelivery is skipped, an id a camera reuses at another instant is another event. */
    @Test
    void aRedeliveryIsStoredOnceAndAnIdReusedAtAnotherInstantTwice() throws SQLException {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        UUID id = UUID.randomUUID();
        // whole seconds: the stored instant is compared for equality below, without the sub-microsecond rounding
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        try (MqttTestClient device = TestStack.mqtt()) {
            device.publish(Topics.cameraEvents(camera), Fixtures.event(id, at, "PERSON", null, null));
            device.publish(Topics.cameraEvents(camera), Fixtures.event(id, at, "PERSON", null, null));
            device.publish(Topics.cameraEvents(camera), Fixtures.event(id, at.plusSeconds(60), "PERSON", null, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(
                "select count(*) from detection_event where id = ?", id) == 2);
        assertThat(Fixtures.count("select count(*) from detection_event where id = ? and occurred_at = ?", id,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC))).isEqualTo(1);
    }

    @Test
    void aMonthPastEveryRetentionIsDroppedWholeUnlessAnEventInItIsHeld() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String heldCamera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        // thirteen years ago: past the longest retention a policy may have (3,650 days)
        Instant may = Instant.parse("2013-05-10T08:00:00Z");
        Instant june = Instant.parse("2013-06-10T08:00:00Z");
        UUID fire = UUID.randomUUID();
        UUID person;
        UUID held;
        UUID notHeld;
        try (MqttTestClient device = TestStack.mqtt()) {
            device.publish(Topics.cameraEvents(camera), Fixtures.event(fire, may, "FIRE", null, null));
            // redelivered: same id, same instant, stored once
            device.publish(Topics.cameraEvents(camera), Fixtures.event(fire, may, "FIRE", null, null));
            person = Fixtures.publish(device, camera, may.plus(Duration.ofDays(1)), "PERSON", null);
            held = Fixtures.publish(device, heldCamera, june, "PERSON", null);
            notHeld = Fixtures.publish(device, camera, june, "PERSON", null);
        }
        Fixtures.stored(fire, person, held, notHeld);
        assertThat(Fixtures.count("select count(*) from detection_event where id = ?", fire)).isEqualTo(1);
        assertThat(partitions()).contains("detection_event_y2013m05", "detection_event_y2013m06");
        String dispatcher = Fixtures.person(Fixtures.unique("hold"), Roles.DISPATCHER);
        String grant = Fixtures.approvedInvestigation(dispatcher, "HOLD-2013", "[\"" + heldCamera + "\"]",
                june.minus(Duration.ofHours(1)), june.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(5)));

        String operator = Fixtures.person(Fixtures.unique("purger"), Roles.OPERATOR);
        JsonPath receipt = given().auth().oauth2(operator).contentType("application/json").body("{}")
                .when().post("/retention/purge").then().statusCode(200).extract().jsonPath();

        assertThat(partitions()).doesNotContain("detection_event_y2013m05").contains("detection_event_y2013m06");
        assertThat(Fixtures.exists(fire)).isFalse();
        assertThat(Fixtures.exists(person)).isFalse();
        assertThat(Fixtures.exists(held)).as("held by an approved grant").isTrue();
        assertThat(Fixtures.exists(notHeld)).as("deleted by rows, its month being kept for the held one").isFalse();
        assertThat(receipt.getLong("counts.FIRE")).isGreaterThanOrEqualTo(1);
        assertThat(receipt.getLong("counts.PERSON")).isGreaterThanOrEqualTo(2);
        assertThat(receipt.getLong("held")).isGreaterThanOrEqualTo(1);
        assertThat(Instant.parse(receipt.getString("oldest"))).isBeforeOrEqualTo(may);
        String auditor = TestStack.token(Roles.AUDITOR);
        JsonPath entry = given().auth().oauth2(auditor).queryParam("action", "PURGE")
                .queryParam("objectId", receipt.getString("id"))
                .when().get("/audit").then().statusCode(200).body("items.size()", equalTo(1)).extract().jsonPath();
        assertThat(entry.getString("items[0].detail")).contains("dropped whole=").contains("detection_event_y2013m05")
                .doesNotContain("detection_event_y2013m06");

        // the hold ends: the next purge drops the other month whole as well
        given().auth().oauth2(auditor).contentType("application/json").body("{}")
                .when().post("/grants/" + grant + "/revoke").then().statusCode(200);
        given().auth().oauth2(operator).contentType("application/json").body("{}")
                .when().post("/retention/purge").then().statusCode(200);
        assertThat(partitions()).doesNotContain("detection_event_y2013m06");
        assertThat(Fixtures.exists(held)).isFalse();
    }

    private static String name(YearMonth month) {
        return String.format("detection_event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    private static List<String> partitions() throws SQLException {
        try (Connection db = Fixtures.db(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select c.relname from pg_inherits i join pg_class c"
                     + " on c.oid = i.inhrelid where i.inhparent = 'detection_event'::regclass")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
