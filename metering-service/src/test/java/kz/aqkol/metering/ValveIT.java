package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ValveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBlockedAccountsGasValveClosesAndReopensWhenUnblocked() throws Exception {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        try (MqttTestClient valve = TestStack.mqtt().subscribe(Topics.meterCommands(meter));
             MqttTestClient billing = TestStack.mqtt()) {
            billing.publish(Topics.ACCOUNT_STATUS, standing(account, "BLOCKED", "OVERDUE"));

            JsonNode close = command(valve, "CLOSE_VALVE");
            valve.publish(Topics.meterCommandAcks(meter), ack(close.get("id").asText(), "CLOSED"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.staff()
                    .when().get("/meters/" + meter).then().statusCode(200).body("valve", equalTo("CLOSED")));
            Fixtures.staff().when().get("/meters/" + meter + "/valve-commands").then()
                    .statusCode(200).body("[0].status", equalTo("DONE")).body("[0].command", equalTo("CLOSE_VALVE"));

            String repeated = standing(account, "BLOCKED", "OVERDUE");
            billing.publish(Topics.ACCOUNT_STATUS, repeated);
            billing.publish(Topics.ACCOUNT_STATUS, standing(account, "ACTIVE", "BLOCKED"));
            JsonNode open = command(valve, "OPEN_VALVE");
            valve.publish(Topics.meterCommandAcks(meter), ack(open.get("id").asText(), "OPEN"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.staff()
                    .when().get("/meters/" + meter).then().statusCode(200).body("valve", equalTo("OPEN")));
            assertThat(valve.received().stream().filter(m -> m.text().contains("CLOSE_VALVE")))
                    .as("blocked twice, closed once").hasSize(1);
        }
    }

    @Test
    void anAnswerToACommandNeverSentIsDeadLettered() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        kz.aqkol.devstack.test.ServiceChecks.deadLettered("metering-service", Topics.meterCommandAcks(meter),
                ack(UUID.randomUUID().toString(), "OPEN"), "commandId: meter " + meter + " was sent no such command");
    }

    private static JsonNode command(MqttTestClient valve, String action) throws Exception {
        return JSON.readTree(valve.await(m -> m.text().contains(action), Duration.ofSeconds(30)).text());
    }

    private static String standing(String account, String status, String previous) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"accountNumber\":\""
                + account + "\",\"status\":\"" + status + "\",\"previousStatus\":\"" + previous
                + "\",\"reason\":\"invoice unpaid\"}";
    }

    private static String ack(String commandId, String valve) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"commandId\":\""
                + commandId + "\",\"result\":\"DONE\",\"valve\":\"" + valve + "\"}";
    }
}
