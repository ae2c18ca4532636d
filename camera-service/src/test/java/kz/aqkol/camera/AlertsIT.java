package kz.aqkol.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** Heartbeats and rules raise alerts on aqkol/v1/alerts/camera-service, through the outbox, with stable subjects. */
@QuarkusTest
class AlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId VILLAGE = ZoneId.of("Asia/Almaty");

    @AfterEach
    void resetClock() {
        MutableClock.INSTANCE.reset();
    }

    @Test
    void aSilentCameraRaisesOfflineOnceAndItsReturnResolvesIt() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            heartbeat(device, camera, Instant.now(MutableClock.INSTANCE));
            Thread.sleep(2_500); // a few checks while it is fresh: nothing may be raised
            assertThat(alerts.received().stream().filter(m -> m.text().contains("camera:" + camera))).isEmpty();
            given().auth().oauth2(Fixtures.operator()).when().get("/cameras/" + camera).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("ONLINE"));

            MutableClock.INSTANCE.advance(Duration.ofMinutes(6)); // longer than offline-after (5m)
            JsonNode offline = alert(alerts, camera, "OFFLINE", false);
            assertThat(offline.get("source").asText()).isEqualTo("camera-service");
            assertThat(offline.get("severity").asText()).isEqualTo("MAJOR");
            assertThat(offline.get("labels").get("camera").asText()).isEqualTo(camera);
            given().auth().oauth2(Fixtures.operator()).when().get("/cameras/" + camera).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("OFFLINE"));

            heartbeat(device, camera, Instant.now(MutableClock.INSTANCE));
            alert(alerts, camera, "OFFLINE", true);
            Thread.sleep(2_000);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("\"subject\":\"camera:" + camera
                    + "\"") && m.text().contains("\"OFFLINE\"") && m.text().contains("\"resolved\":false")))
                    .as("raised once").hasSize(1);
        }
    }

    @Test
    void fireSmokeAndTamperRaiseCriticalAlertsAtOnceAndARedeliveredEventRaisesNothingTwice() throws Exception {
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            UUID fire = UUID.randomUUID();
            String payload = Fixtures.event(fire, Instant.now(), "FIRE", null, "nvr://x/1");
            device.publish(Topics.cameraEvents(camera), payload);
            device.publish(Topics.cameraEvents(camera), payload); // QoS 1 redelivery, same id
            Fixtures.publish(device, camera, Instant.now(), "SMOKE", null);
            Fixtures.publish(device, camera, Instant.now(), "TAMPER", null);

            for (String type : new String[] {"FIRE", "SMOKE", "TAMPER"}) {
                assertThat(alert(alerts, camera, type, false).get("severity").asText()).isEqualTo("CRITICAL");
            }
            Thread.sleep(2_000);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("camera:" + camera)
                    && m.text().contains("\"FIRE\""))).as("one event, one alert").hasSize(1);
            assertThat(Fixtures.count("select count(*) from detection_event where id = ?", fire)).isEqualTo(1);
        }
    }

    @Test
    void aPersonInARestrictedZoneRaisesIntrusionOnlyDuringRestrictedHours() throws Exception {
        String restricted = Fixtures.zone("RESTRICTED");
        String night = Fixtures.camera(restricted);
        String day = Fixtures.camera(restricted);
        String open = Fixtures.camera(Fixtures.zone("PUBLIC"));
        LocalDate yesterday = LocalDate.now(VILLAGE).minusDays(1);
        Instant twoAtNight = yesterday.atTime(LocalTime.of(2, 0)).atZone(VILLAGE).toInstant();
        Instant noon = yesterday.atTime(LocalTime.NOON).atZone(VILLAGE).toInstant();
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.publish(device, day, noon, "PERSON", null);
            Fixtures.publish(device, open, twoAtNight, "PERSON", null);
            UUID last = Fixtures.publish(device, night, twoAtNight, "PERSON", null);

            JsonNode intrusion = alert(alerts, night, "INTRUSION", false);
            assertThat(intrusion.get("labels").get("zone").asText()).isEqualTo(restricted);
            Fixtures.stored(last);
            Thread.sleep(1_500);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("camera:" + day)
                    || m.text().contains("camera:" + open))).isEmpty();
        }
    }

    @Test
    void aRestrictedZoneMayKeepItsOwnHours() throws Exception {
        String zone = Fixtures.unique("gas").toLowerCase();
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"id\":\"" + zone + "\",\"name\":\"Gas station\",\"privacyClass\":\"RESTRICTED\","
                        + "\"restrictedFrom\":\"09:00\",\"restrictedUntil\":\"17:00\"}")
                .when().post("/zones").then().statusCode(201)
                .body("restrictedFrom", org.hamcrest.Matchers.startsWith("09:00"));
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("{\"id\":\"" + zone + "-x\",\"name\":\"x\",\"privacyClass\":\"PUBLIC\","
                        + "\"restrictedFrom\":\"09:00\",\"restrictedUntil\":\"17:00\"}")
                .when().post("/zones").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("restrictedFrom"));
        String day = Fixtures.camera(zone);
        String night = Fixtures.camera(zone);
        LocalDate yesterday = LocalDate.now(VILLAGE).minusDays(1);
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            UUID last = Fixtures.publish(device, night, yesterday.atTime(LocalTime.of(2, 0)).atZone(VILLAGE)
                    .toInstant(), "PERSON", null);
            Fixtures.publish(device, day, yesterday.atTime(LocalTime.NOON).atZone(VILLAGE).toInstant(), "PERSON",
                    null);
            alert(alerts, day, "INTRUSION", false);
            Fixtures.stored(last);
            Thread.sleep(1_500);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("camera:" + night))).isEmpty();
        }
        given().auth().oauth2(TestStack.token(kz.aqkol.platform.security.Roles.AUDITOR))
                .queryParam("action", "ZONE_CREATE").queryParam("objectId", zone)
                .when().get("/audit").then().statusCode(200)
                .body("items[0].detail", org.hamcrest.Matchers.containsString("restricted 09:00-17:00"));
    }

    @Test
    void aWatchListedPlateRaisesADispatcherAlertWithItsCaseAndWithoutThePlate() throws Exception {
        String plate = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String caseRef = Fixtures.unique("CASE");
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String dispatcher = Fixtures.person(Fixtures.unique("vera"), kz.aqkol.platform.security.Roles.DISPATCHER);
        Instant expires = Instant.now().plus(Duration.ofDays(7));
        String grant = Fixtures.approvedInvestigation(dispatcher, caseRef, "[\"" + camera + "\"]",
                Instant.now().minus(Duration.ofDays(1)), expires, expires);
        String entry = given().auth().oauth2(dispatcher).contentType("application/json")
                .body("{\"grant\":\"" + grant + "\",\"plate\":\"" + plate.toLowerCase() + "\"}")
                .when().post("/watchlist").then().statusCode(201).extract().path("id");
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.publish(device, camera, Instant.now(), "PLATE", "OTHER1");
            Fixtures.publish(device, camera, Instant.now(), "PLATE", plate);

            MqttTestClient.Received message = alerts.await(m -> m.text().contains("\"subject\":\"watchlist:" + entry
                    + "\""), Duration.ofSeconds(30));
            JsonNode alert = JSON.readTree(message.text());
            assertThat(alert.get("type").asText()).isEqualTo("WATCHLIST");
            assertThat(alert.get("labels").get("case").asText()).isEqualTo(caseRef);
            assertThat(alert.get("labels").get("audience").asText()).isEqualTo("dispatcher");
            assertThat(alert.get("labels").get("camera").asText()).isEqualTo(camera);
            assertThat(message.text()).doesNotContainIgnoringCase(plate);
            Thread.sleep(1_000);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("WATCHLIST")
                    && m.text().contains(camera))).as("the other plate raises nothing").hasSize(1);
        }
        given().auth().oauth2(Fixtures.operator()).when().get("/watchlist").then().statusCode(200)
                .body("find { it.id == '" + entry + "' }.caseRef", org.hamcrest.Matchers.equalTo(caseRef))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase(plate)));
        given().auth().oauth2(TestStack.token(kz.aqkol.platform.security.Roles.AUDITOR))
                .queryParam("action", "WATCHLIST_ADD").queryParam("objectId", entry)
                .when().get("/audit").then().statusCode(200)
                .body("items[0].detail", org.hamcrest.Matchers.containsString("case=" + caseRef))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase(plate)));
    }

    private static void heartbeat(MqttTestClient device, String camera, Instant at) {
        device.publish(Topics.cameraStatus(camera), "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + at
                + "\",\"online\":true,\"firmware\":\"5.7.3\",\"storageFreePct\":41}");
    }

    static JsonNode alert(MqttTestClient alerts, String camera, String type, boolean resolved) throws Exception {
        MqttTestClient.Received message = alerts.await(m -> m.text().contains("\"subject\":\"camera:" + camera + "\"")
                && m.text().contains("\"type\":\"" + type + "\"")
                && m.text().contains("\"resolved\":" + resolved), Duration.ofSeconds(30));
        return JSON.readTree(message.text());
    }
}
