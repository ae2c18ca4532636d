package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static kz.aqkol.metering.Fixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * metering-service owns which account a meter belongs to, as a history: one API changes it, every change is
 * published whole with a rising version, billing's period query splits a meter between the accounts that held it,
 * and a household that moves in does not see the readings of the one before.
 */
@QuarkusTest
class MeterAssignmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMeterMovedMidPeriodIsSplitBetweenItsAccountsAndEachChangeIsPublishedWhole() throws Exception {
        String seller = Fixtures.unique("AQ");
        String buyer = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        try (MqttTestClient billing = TestStack.mqtt().subscribe(Topics.METER_ASSIGNMENTS)) {
            Fixtures.meter(meter, "GAS", "M3", 5, seller);
            JsonNode registered = history(billing, meter, 1);
            assertThat(registered.get("assignments")).hasSize(1);
            assertThat(registered.at("/assignments/0/accountNumber").asText()).isEqualTo(seller);
            assertThat(registered.at("/assignments/0/to").isNull()).isTrue();

            try (MqttTestClient device = TestStack.mqtt()) {
                for (int h = 0; h <= 8; h++) {
                    Fixtures.gas(device, meter, hour(h), String.valueOf(100 + h));
                }
            }
            move(meter, buyer, hour(4), "the house was sold").statusCode(200)
                    .body("version", equalTo(2))
                    .body("assignments[0].accountNumber", equalTo(seller))
                    .body("assignments[0].to", equalTo(hour(4).toString()))
                    .body("assignments[1].accountNumber", equalTo(buyer))
                    .body("assignments[1].from", equalTo(hour(4).toString()));
            JsonNode moved = history(billing, meter, 2);
            assertThat(moved.get("assignments")).hasSize(2);
            assertThat(moved.get("reason").asText()).isEqualTo("the house was sold");
        }
        Fixtures.staff().when().get("/meters/" + meter).then().statusCode(200)
                .body("accountNumber", equalTo(buyer));

        String billingToken = TestStack.tokenFor("metering-service", Roles.SERVICE, "billing-service");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath periods = given().auth().oauth2(billingToken).contentType("application/json")
                    .body("{\"accounts\":[\"" + seller + "\",\"" + buyer + "\"],\"from\":\"" + hour(0)
                            + "\",\"to\":\"" + hour(8) + "\"}")
                    .when().post("/consumption/periods").then().statusCode(200).extract().jsonPath();
            assertThat(periods.getList("accountNumber")).containsExactly(seller, buyer);
            assertThat(periods.getString("[0].to")).isEqualTo(hour(4).toString());
            assertThat(periods.getFloat("[0].consumption")).isEqualTo(4f);
            assertThat(periods.getString("[1].from")).isEqualTo(hour(4).toString());
            assertThat(periods.getFloat("[1].consumption")).isEqualTo(4f);
        });
        // asked by meter, the period is the meter's and names the account it belonged to at the start
        given().auth().oauth2(billingToken).contentType("application/json")
                .body("{\"meters\":[\"" + meter + "\"],\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(8) + "\"}")
                .when().post("/consumption/periods").then().statusCode(200)
                .body("[0].accountNumber", equalTo(seller)).body("[0].consumption", equalTo(8));

        // the buyer sees the meter from the move on only; the seller no longer sees it at all
        JsonPath mine = given().auth().oauth2(TestStack.token(Roles.RESIDENT, buyer))
                .queryParam("from", hour(0).toString()).queryParam("to", hour(9).toString())
                .when().get("/me/meters/" + meter + "/readings").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.occurredAt", String.class)).isNotEmpty()
                .allSatisfy(at -> assertThat(Instant.parse(at)).isAfterOrEqualTo(hour(4)));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, buyer))
                .queryParam("from", hour(0).toString()).queryParam("to", hour(3).toString())
                .when().get("/me/meters/" + meter + "/consumption").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, seller)).when().get("/me/meters/" + meter).then()
                .statusCode(404);
    }

    @Test
    void aHistoryOnlyGrowsAndOnlyOperatorsChangeIt() {
        String first = Fixtures.unique("AQ");
        String meter = Fixtures.unique("W");
        Fixtures.meter(meter, "WATER", "M3", 5, first);
        move(meter, Fixtures.unique("AQ"), hour(10), "moved").statusCode(200).body("version", equalTo(2));

        // before the last change: refused, the history is fixed there
        move(meter, first, hour(9), "back-dated").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("fixed before " + hour(10)));
        // in the future, or before the meter was installed: refused
        move(meter, first, Instant.now().plus(Duration.ofDays(1)), "later").statusCode(400);
        move(meter, first, Fixtures.BASE.minus(Duration.ofDays(30)), "too early").statusCode(400);
        // to no account, then the same again: the second changes nothing
        move(meter, null, hour(11), "vacant").statusCode(200).body("version", equalTo(3))
                .body("assignments[1].to", equalTo(hour(11).toString()));
        move(meter, null, hour(12), "still vacant").statusCode(200).body("version", equalTo(3));
        // a resident cannot move a meter, not even onto their own account; an unknown meter is 404
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, first)).contentType("application/json")
                .body("{\"accountNumber\":\"" + first + "\",\"from\":\"" + hour(13) + "\",\"reason\":\"mine\"}")
                .when().post("/meters/" + meter + "/assignments").then().statusCode(403);
        move(Fixtures.unique("G"), first, hour(13), "no such meter").statusCode(404);
        Fixtures.staff().when().get("/meters/" + meter + "/assignments").then().statusCode(200)
                .body("version", equalTo(3)).body("assignments.size()", equalTo(2));
    }

    private static io.restassured.response.ValidatableResponse move(String meter, String account, Instant from,
                                                                     String reason) {
        return Fixtures.staff().contentType("application/json")
                .body("{\"accountNumber\":" + (account == null ? "null" : "\"" + account + "\"") + ",\"from\":\""
                        + from + "\",\"reason\":\"" + reason + "\"}")
                .when().post("/meters/" + meter + "/assignments").then();
    }

    /** The meter's history as billing receives it, at {@code version}. */
    private static JsonNode history(MqttTestClient billing, String meter, int version) throws Exception {
        MqttTestClient.Received received = billing.await(m -> m.text().contains("\"meterId\":\"" + meter + "\"")
                && m.text().contains("\"version\":" + version + ","), Duration.ofSeconds(20));
        return JSON.readTree(received.text());
    }
}
