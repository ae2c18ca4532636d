package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static kz.aqkol.metering.Fixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DetectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void flowInEveryHourOfADayRaisesOneLeakAlertAndAZeroHourResolvesIt() throws Exception {
        String meter = Fixtures.unique("W");
        Fixtures.meter(meter, "WATER", "M3", 5, "AQ-LEAK");
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            BigDecimal register = new BigDecimal("200");
            for (int h = 0; h <= 24; h++) {
                Fixtures.gas(device, meter, hour(h), register.toPlainString());
                register = register.add(new BigDecimal("0.05"));
            }

            JsonNode leak = alert(alerts, meter, "LEAK", false);
            assertThat(leak.get("severity").asText()).isEqualTo("MAJOR");
            assertThat(leak.get("source").asText()).isEqualTo("metering-service");
            assertThat(leak.get("labels").get("utility").asText()).isEqualTo("WATER");

            Fixtures.gas(device, meter, hour(25), register.subtract(new BigDecimal("0.05")).toPlainString());
            alert(alerts, meter, "LEAK", true);
            assertThat(alerts.received().stream().filter(m -> m.text().contains("\"subject\":\"meter:" + meter
                    + "\"") && m.text().contains("\"type\":\"LEAK\"") && m.text().contains("\"resolved\":false")))
                    .as("raised once").hasSize(1);
        }
    }

    @Test
    void aMeterNotHeardFromForLongerThanTheAllowedSilenceIsSilentUntilItReportsAgain() throws Exception {
        String meter = Fixtures.unique("G");
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.meter(meter, "GAS", "M3", 5, null); // installed twelve days ago, never heard from

            JsonNode silent = alert(alerts, meter, "SILENT", false);
            assertThat(silent.get("source").asText()).isEqualTo("metering-service");

            Fixtures.gas(device, meter, java.time.Instant.now().minusSeconds(5), "100");
            alert(alerts, meter, "SILENT", true);
            Thread.sleep(5_000); // two more passes (every 2 s under test): heard from, so not silent again
            assertThat(alerts.received().stream().filter(m -> m.text().contains("\"subject\":\"meter:" + meter
                    + "\"") && m.text().contains("\"type\":\"SILENT\"")).toList())
                    .as("raised once, resolved once").hasSize(2);
        }
    }

    @Test
    void aSpikeIsSuspectAndRaisesAnAlert() throws Exception {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "10");
            Fixtures.gas(device, meter, hour(1), "11");
            Fixtures.gas(device, meter, hour(2), "61");

            alert(alerts, meter, "SPIKE", false);
        }
        Fixtures.staff()
                .queryParam("from", hour(0).toString()).queryParam("to", hour(2).toString())
                .queryParam("interval", "HOUR")
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200)
                .body("intervals[1].quality", equalTo("SUSPECT"))
                .body("intervals[1].reasons", org.hamcrest.Matchers.contains("ABOVE_MAX_FLOW"))
                .body("quality", equalTo("SUSPECT"));
    }

    @Test
    void aRegisterGoingBackwardsRaisesTamper() throws Exception {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "500");
            Fixtures.gas(device, meter, hour(1), "480");

            alert(alerts, meter, "TAMPER", false);
        }
    }

    @Test
    void eachFlagTheMeterSendsRaisesItsOwnAlertAndTheFirstReadingWithoutItResolvesIt() throws Exception {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        List<String> raised = List.of("BATTERY_LOW", "MAGNETIC_TAMPER", "VALVE_FAULT", "BACKFLOW");
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "100");
            flagged(device, meter, hour(1), "100.5",
                    "BATTERY_LOW", "MAGNETIC_TAMPER", "VALVE_FAULT", "REVERSE_FLOW", "POWER_FAIL");
            for (String type : raised) {
                JsonNode alert = alert(alerts, meter, type, false);
                assertThat(alert.get("source").asText()).isEqualTo("metering-service");
            }
            assertThat(alert(alerts, meter, "MAGNETIC_TAMPER", false).get("severity").asText()).isEqualTo("MAJOR");

            // still flagged an hour later: nothing new; then a reading without flags clears each
            flagged(device, meter, hour(2), "101", "BATTERY_LOW", "MAGNETIC_TAMPER", "VALVE_FAULT", "REVERSE_FLOW");
            Fixtures.gas(device, meter, hour(3), "101.5");
            for (String type : raised) {
                alert(alerts, meter, type, true);
            }
            assertThat(messages(alerts, meter)).as("one raise and one resolve per condition, no TAMPER and nothing"
                            + " for POWER_FAIL, which is only stored")
                    .extracting(m -> m.get("type").asText() + "/" + m.get("resolved").asBoolean())
                    .containsExactlyInAnyOrder("BATTERY_LOW/false", "MAGNETIC_TAMPER/false", "VALVE_FAULT/false",
                            "BACKFLOW/false", "BATTERY_LOW/true", "MAGNETIC_TAMPER/true", "VALVE_FAULT/true",
                            "BACKFLOW/true");
        }
    }

    @Test
    void aRegisterGoingBackwardsWhileTheMeterReportsReverseFlowIsBackflowNotTamper() throws Exception {
        String meter = Fixtures.unique("W");
        Fixtures.meter(meter, "WATER", "M3", 5, null);
        String tampered = Fixtures.unique("W");
        Fixtures.meter(tampered, "WATER", "M3", 5, null);
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "500");
            flagged(device, meter, hour(1), "499.2", "REVERSE_FLOW");
            Fixtures.gas(device, meter, hour(2), "499.2");
            // the same backwards step, unexplained by the meter
            Fixtures.gas(device, tampered, hour(0), "500");
            Fixtures.gas(device, tampered, hour(1), "499.2");
            Fixtures.gas(device, tampered, hour(2), "499.2");

            alert(alerts, meter, "BACKFLOW", false);
            alert(alerts, tampered, "TAMPER", false);
            assertThat(messages(alerts, meter)).extracting(m -> m.get("type").asText())
                    .as("the backwards hour is explained by the meter: never TAMPER").containsOnly("BACKFLOW");
            assertThat(messages(alerts, tampered)).extracting(m -> m.get("type").asText()).containsOnly("TAMPER");
        }
    }

    @Test
    void aRegisterResetIsItsOwnConditionNeitherTamperNorARollover() throws Exception {
        String fell = Fixtures.unique("G");
        Fixtures.meter(fell, "GAS", "M3", 5, null);
        String said = Fixtures.unique("G");
        Fixtures.meter(said, "GAS", "M3", 5, null);
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, fell, hour(0), "12345");
            Fixtures.gas(device, fell, hour(1), "0.4");
            Fixtures.gas(device, said, hour(0), "700");
            flagged(device, said, hour(1), "2.5", "RESET");

            alert(alerts, fell, "REGISTER_RESET", false);
            alert(alerts, said, "REGISTER_RESET", false);
            assertThat(messages(alerts, fell)).extracting(m -> m.get("type").asText()).containsOnly("REGISTER_RESET");
            assertThat(messages(alerts, said)).extracting(m -> m.get("type").asText()).containsOnly("REGISTER_RESET");
        }
        Fixtures.staff()
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .queryParam("interval", "HOUR")
                .when().get("/meters/" + fell + "/consumption").then().statusCode(200)
                .body("intervals[0].consumption", equalTo(0.4f))
                .body("intervals[0].method", equalTo("REGISTER_RESET"))
                .body("intervals[0].reasons", org.hamcrest.Matchers.contains("REGISTER_RESET"));
    }

    @Test
    void anOperatorRecordsAResetTheMeterDidNotReportAndTheAuditChainKeepsIt() throws Exception {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "300");
            Fixtures.gas(device, meter, hour(10), "50"); // not near zero: read as going backwards
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> consumption(meter)
                .body("intervals[0].reasons", org.hamcrest.Matchers.contains("BACKWARDS")));

        Fixtures.staff().contentType("application/json")
                .body("{\"at\":\"" + hour(10) + "\",\"register\":50,\"reset\":true,"
                        + "\"reason\":\"firmware update reset the register (work order 17)\"}")
                .when().post("/meters/" + meter + "/edits").then().statusCode(201)
                .body("reset", equalTo(true));

        consumption(meter)
                .body("total", equalTo(50))
                .body("intervals[0].method", equalTo("REGISTER_RESET"))
                .body("intervals[0].reasons", org.hamcrest.Matchers.contains("REGISTER_RESET"));
        given().auth().oauth2(TestStack.token(kz.aqkol.platform.security.Roles.AUDITOR))
                .queryParam("objectId", meter).when().get("/audit").then().statusCode(200)
                .body("items.find { it.action == 'EDIT_READING' }.detail",
                        org.hamcrest.Matchers.endsWith("after a register reset (counts from zero)"));
    }

    private static io.restassured.response.ValidatableResponse consumption(String meter) {
        return Fixtures.staff()
                .queryParam("from", hour(0).toString()).queryParam("to", hour(10).toString())
                .queryParam("interval", "HOUR")
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200);
    }

    /** A reading with device flags. */
    private static void flagged(MqttTestClient device, String meter, java.time.Instant at, String register,
                                String... flags) {
        device.publish(Topics.meterReadings(meter), "{\"id\":\"" + java.util.UUID.randomUUID()
                + "\",\"occurredAt\":\"" + at + "\",\"register\":" + register + ",\"unit\":\"M3\",\"flags\":["
                + String.join(",", java.util.Arrays.stream(flags).map(f -> "\"" + f + "\"").toList()) + "]}");
    }

    /**
     * Every alert message received so far about the meter, but SILENT: the fixtures' readings are in the past, so
     * each test meter also falls silent, which is another detector's business.
     */
    private static List<JsonNode> messages(MqttTestClient alerts, String meter) throws Exception {
        List<JsonNode> about = new java.util.ArrayList<>();
        for (MqttTestClient.Received m : alerts.received()) {
            JsonNode alert = JSON.readTree(m.text());
            if (("meter:" + meter).equals(alert.path("subject").asText())
                    && !"SILENT".equals(alert.path("type").asText())) {
                about.add(alert);
            }
        }
        return about;
    }

    private static JsonNode alert(MqttTestClient alerts, String meter, String type, boolean resolved)
            throws Exception {
        MqttTestClient.Received message = alerts.await(m -> m.text().contains("\"subject\":\"meter:" + meter + "\"")
                && m.text().contains("\"type\":\"" + type + "\"")
                && m.text().contains("\"resolved\":" + resolved), Duration.ofSeconds(30));
        return JSON.readTree(message.text());
    }
}
