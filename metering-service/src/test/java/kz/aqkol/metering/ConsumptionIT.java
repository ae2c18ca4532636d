package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static kz.aqkol.metering.Fixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsumptionIT {

    @Test
    void aRegisterRollingOverKeepsCounting() {
        String meter = Fixtures.unique("W");
        Fixtures.meter(meter, "WATER", "M3", 3, null);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "998");
            Fixtures.gas(device, meter, hour(1), "999.5");
            Fixtures.gas(device, meter, hour(2), "1.5");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> consumption(meter, 0, 2, "HOUR")
                .body("total", equalTo(3.5f))
                .body("intervals[1].consumption", equalTo(2))
                .body("intervals[1].quality", equalTo("MEASURED")));
    }

    @Test
    void anAccountsConsumptionIsContinuousAcrossAMeterSwap() {
        String account = Fixtures.unique("AQ");
        String old = Fixtures.unique("G");
        String successor = Fixtures.unique("G");
        Fixtures.meter(old, "GAS", "M3", 5, account);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, old, hour(0), "500");
            Fixtures.gas(device, old, hour(2), "502");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> consumption(old, 0, 2, "HOUR").body("total", equalTo(2)));

        Fixtures.staff().contentType("application/json")
                .body("""
                        {"at":"%s","finalRegister":503,"newMeter":{"id":"%s","utility":"GAS","unit":"M3",
                         "registerDigits":5,"hasValve":true,"initialRegister":0}}""".formatted(hour(3), successor))
                .when().post("/meters/" + old + "/replacement").then().statusCode(201)
                .body("replaces", equalTo(old)).body("accountNumber", equalTo(account));
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, successor, hour(4), "1.5");
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath periods = Fixtures.staff().contentType("application/json")
                    .body("{\"accounts\":[\"" + account + "\"],\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(4)
                            + "\"}")
                    .when().post("/consumption/periods").then().statusCode(200).extract().jsonPath();
            assertThat(periods.getList("meterId")).containsExactly(old, successor);
            assertThat(periods.getFloat("[0].consumption")).isEqualTo(3f);
            assertThat(periods.getFloat("[0].endRegister.value")).isEqualTo(503f);
            assertThat(periods.getString("[0].to")).isEqualTo(hour(3).toString());
            assertThat(periods.getFloat("[1].consumption")).isEqualTo(1.5f);
            assertThat(periods.getString("[1].from")).isEqualTo(hour(3).toString());
        });
    }

    @Test
    void aLateReadingForAPeriodBillingWasToldAboutPublishesACorrection() throws Exception {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "100");
            Fixtures.gas(device, meter, hour(4), "104");
            Fixtures.gas(device, meter, hour(8), "106");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> consumption(meter, 0, 8, "DAY").body("total", equalTo(6)));
        String billing = TestStack.tokenFor("metering-service", Roles.SERVICE, "billing-service");
        given().auth().oauth2(billing).contentType("application/json")
                .body("{\"meters\":[\"" + meter + "\"],\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(2) + "\"}")
                .when().post("/consumption/periods").then().statusCode(200)
                .body("[0].consumption", equalTo(2)).body("[0].quality", equalTo("ESTIMATED"));

        try (MqttTestClient billingListener = TestStack.mqtt().subscribe(Topics.CONSUMPTION_CORRECTIONS);
             MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(2), "103");

            MqttTestClient.Received correction = billingListener.await(
                    m -> m.text().contains("\"meterId\":\"" + meter + "\""), Duration.ofSeconds(30));
            JsonNode json = new ObjectMapper().readTree(correction.text());
            assertThat(json.get("accountNumber").asText()).isEqualTo(account);
            assertThat(json.get("periodStart").asText()).isEqualTo(hour(0).toString());
            assertThat(json.get("previousQuantity").decimalValue()).isEqualByComparingTo("2");
            assertThat(json.get("correctedQuantity").decimalValue()).isEqualByComparingTo("3");
        }
    }

    @Test
    void gasCanBeShownAsEnergyWithTheCalorificValueInForce() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "0");
            Fixtures.gas(device, meter, hour(1), "3.6");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.staff()
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .queryParam("interval", "HOUR").queryParam("energy", true)
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200)
                .body("unit", equalTo("KWH"))
                .body("total", equalTo(33.5f)));
    }

    private static io.restassured.response.ValidatableResponse consumption(String meter, int fromHour, int toHour,
                                                                          String interval) {
        return Fixtures.staff()
                .queryParam("from", hour(fromHour).toString()).queryParam("to", hour(toHour).toString())
                .queryParam("interval", interval)
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200);
    }
}
