package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static kz.aqkol.metering.Fixtures.hour;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessIT {

    @Test
    void aResidentReadsTheirOwnMetersAndNoOneElses() {
        String alice = Fixtures.unique("AQ");
        String bob = Fixtures.unique("AQ");
        String aliceMeter = Fixtures.unique("G");
        String bobMeter = Fixtures.unique("G");
        Fixtures.meter(aliceMeter, "GAS", "M3", 5, alice);
        Fixtures.meter(bobMeter, "GAS", "M3", 5, bob);
        String aliceToken = TestStack.token(Roles.RESIDENT, alice);

        given().auth().oauth2(aliceToken).when().get("/me/meters").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.contains(aliceMeter));
        given().auth().oauth2(aliceToken).when().get("/me/meters/" + aliceMeter).then().statusCode(200);
        given().auth().oauth2(aliceToken).when().get("/me/meters/" + bobMeter).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(aliceToken)
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .when().get("/me/meters/" + bobMeter + "/consumption").then().statusCode(404);
        given().auth().oauth2(aliceToken).when().get("/meters/" + bobMeter).then().statusCode(403);
    }

    @Test
    void anOperatorsValveCommandIsInTheAuditChainAndTheResidentsAccessLogWithItsReason() {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        given().auth().oauth2(TestStack.token(Roles.OPERATOR, "op-nurlan")).contentType("application/json")
                .body("{\"command\":\"CLOSE_VALVE\",\"reason\":\"gas smell reported at the address\"}")
                .when().post("/meters/" + meter + "/valve-commands").then().statusCode(201);

        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].who", equalTo("op-nurlan"))
                .body("items[0].action", equalTo("CLOSE_VALVE"))
                .body("items[0].objectId", equalTo(meter))
                .body("items[0].purpose", equalTo("gas smell reported at the address"));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).when().get("/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void anOperatorReadingAResidentsDataIsInTheirAccessLogAndTheChainVerifies() {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        try (MqttTestClient device = TestStack.mqtt()) {
            Fixtures.gas(device, meter, hour(0), "1");
        }
        String operator = TestStack.token(Roles.OPERATOR, "op-aigul");

        given().auth().oauth2(operator).header("X-Purpose", "complaint; 2026-118, bill too high")
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .when().get("/meters/" + meter + "/consumption").then().statusCode(200);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account))
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .when().get("/me/meters/" + meter + "/consumption").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .auth().oauth2(TestStack.token(Roles.RESIDENT, account))
                .when().get("/me/access-log").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].who", equalTo("op-aigul"))
                .body("items[0].role", equalTo("operator"))
                .body("items[0].objectId", equalTo(meter))
                .body("items[0].purpose", equalTo("COMPLAINT: 2026-118, bill too high")));
        given().auth().oauth2(TestStack.token(Roles.AUDITOR)).when().get("/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        given().auth().oauth2(operator).when().get("/audit/verify").then().statusCode(403);
    }

    @Test
    void aStaffReadWithoutAPurposeFromTheListIsRefusedAndLeavesNothing() {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        String operator = Fixtures.operator();

        given().auth().oauth2(operator)
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .when().get("/meters/" + meter + "/consumption").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose"))
                .body("intervals", nullValue());
        given().auth().oauth2(operator).header("X-Purpose", "curiosity; the neighbour")
                .queryParam("from", hour(0).toString()).queryParam("to", hour(1).toString())
                .when().get("/meters/" + meter + "/readings").then().statusCode(400)
                .body("errors[0].field", equalTo("X-Purpose"));
        given().auth().oauth2(operator).contentType("application/json")
                .body("{\"accounts\":[\"" + account + "\"],\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(1) + "\"}")
                .when().post("/consumption/periods").then().statusCode(400)
                .body("errors[0].field", equalTo("X-Purpose"));

        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void onlyBillingServiceWithATokenForMeteringReadsPeriodsAndEachResidentSeesIt() {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        String body = "{\"accounts\":[\"" + account + "\"],\"from\":\"" + hour(0) + "\",\"to\":\"" + hour(1)
                + "\"}";

        // another service, with a valid token for metering-service: not on the allow-list
        given().auth().oauth2(TestStack.tokenFor("metering-service", Roles.SERVICE, "alert-service"))
                .contentType("application/json").body(body)
                .when().post("/consumption/periods").then().statusCode(403)
                .contentType("application/problem+json");
        // a token that brings the derived role in its own groups: only the derivation grants it
        given().auth().oauth2(TestStack.tokenFor("metering-service", Roles.BILLING_SERVICE, "billing-service"))
                .contentType("application/json").body(body)
                .when().post("/consumption/periods").then().statusCode(403);
        // billing-service, with a token it got for itself: wrong audience
        given().auth().oauth2(TestStack.tokenFor("billing-service", Roles.SERVICE, "billing-service"))
                .contentType("application/json").body(body)
                .when().post("/consumption/periods").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200).body("items", hasSize(0));

        given().auth().oauth2(TestStack.tokenFor("metering-service", Roles.SERVICE, "billing-service"))
                .contentType("application/json").body(body)
                .when().post("/consumption/periods").then().statusCode(200)
                .body("meterId", contains(meter));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].who", equalTo("billing-service"))
                .body("items[0].role", equalTo("service"))
                .body("items[0].action", equalTo("READ"))
                .body("items[0].objectType", equalTo("consumption-period"))
                .body("items[0].objectId", equalTo(meter));
    }

    @Test
    void aTokenForAnotherServiceIsRefusedEverywhere() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        given().auth().oauth2(TestStack.tokenFor("billing-service", Roles.OPERATOR, "op-billing-only"))
                .when().get("/meters/" + meter).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokenFor("metering-service", Roles.OPERATOR, "op-metering"))
                .when().get("/meters/" + meter).then().statusCode(200);
    }
}
