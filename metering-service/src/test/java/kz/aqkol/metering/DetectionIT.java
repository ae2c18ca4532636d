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

    private static JsonNode alert(MqttTestClient alerts, String meter, String type, boolean resolved)
            throws Exception {
        MqttTestClient.Received message = alerts.await(m -> m.text().contains("\"subject\":\"meter:" + meter + "\"")
                && m.text().contains("\"type\":\"" + type + "\"")
                && m.text().contains("\"resolved\":" + resolved), Duration.ofSeconds(30));
        return JSON.readTree(message.text());
    }
}
