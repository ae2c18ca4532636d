package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static kz.aqkol.metering.Fixtures.hour;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadingIngestIT {

    @Test
    void aRepeatedMessageAndARepeatedInstantAreStoredOnce() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        UUID id = UUID.randomUUID();
        try (MqttTestClient device = TestStack.mqtt()) {
            device.publish(Topics.meterReadings(meter), Fixtures.reading(id, hour(1), "10.5", "M3"));
            device.publish(Topics.meterReadings(meter), Fixtures.reading(id, hour(1), "10.5", "M3"));
            device.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(), hour(1), "10.5", "M3"));
            device.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(), hour(2), "11", "M3"));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readings(meter)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].register", equalTo(10.5f))
                .body("items[1].register", equalTo(11)));
    }

    @Test
    void lateAndOutOfOrderReadingsLandInTheirPlace() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(3), "106");
            Fixtures.gas(device, meter, hour(0), "100");
            Fixtures.gas(device, meter, hour(2), "103");
            Fixtures.gas(device, meter, hour(1), "101");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readings(meter).body("items", hasSize(4)));
        Fixtures.staff()
                .queryParam("from", hour(0).toString()).queryParam("to", hour(3).toString())
                .queryParam("interval", "HOUR")
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200)
                .body("total", equalTo(6))
                .body("quality", equalTo("MEASURED"))
                .body("intervals.consumption", org.hamcrest.Matchers.contains(1, 2, 3));
    }

    @Test
    void unknownMetersWrongUnitsAndFutureReadingsAreDeadLetteredWithTheReason() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);

        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(Fixtures.unique("NOPE")),
                Fixtures.reading(UUID.randomUUID(), hour(1), "1", "M3"), "unknown meter");
        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(meter),
                Fixtures.reading(UUID.randomUUID(), hour(1), "1", "KWH"), "unit: is KWH but meter");
        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(meter),
                Fixtures.reading(UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1)), "1", "M3"),
                "occurredAt: lies in the future");
        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(meter),
                Fixtures.reading(UUID.randomUUID(), hour(1), "123456", "M3"), "register: has more than");
    }

    @Test
    void aPayloadTooLargeForTheContractIsDeadLetteredAndTheReadingsBehindItStillArrive() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        // 100 KiB: over the contract's 64 KiB, and over the 8 KiB an MQTT client decodes unless told otherwise
        String oversized = "{\"id\":\"" + UUID.randomUUID() + "\",\"padding\":\"" + "x".repeat(100 * 1024) + "\"}";
        try (MqttTestClient device = TestStack.mqtt().subscribe(Topics.deadLetters("metering-service"))) {
            device.publish(Topics.meterReadings(meter), oversized);
            Fixtures.gas(device, meter, hour(1), "7");

            MqttTestClient.Received letter = device.await(m -> m.text().contains(meter), Duration.ofSeconds(30));
            org.assertj.core.api.Assertions.assertThat(letter.text())
                    .contains("more than the 65536 allowed (first 65536 bytes kept)");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readings(meter).body("items", hasSize(1)));
        ServiceChecks.readyWithDatabaseAndBroker("readings");
    }

    private static io.restassured.response.ValidatableResponse readings(String meter) {
        return Fixtures.staff()
                .queryParam("from", hour(-1).toString()).queryParam("to", hour(10).toString())
                .when().get("/meters/" + meter + "/readings").then().statusCode(200);
    }
}
