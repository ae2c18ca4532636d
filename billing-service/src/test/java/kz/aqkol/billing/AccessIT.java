package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** Who may read residents' billing data, and the trace each read leaves, attempted through the real API. */
@QuarkusTest
class AccessIT {

    @Test
    void listingAccountsNeedsAPurposeAndLeavesAnEntryForEachResidentListed() {
        String zone = Billing.unique("zone");
        String first = account(zone);
        String second = account(zone);

        given().auth().oauth2(Billing.operator()).queryParam("zone", zone)
                .when().get("/accounts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Purpose"))
                .body("items", nullValue());
        accessLog(first).body("items", hasSize(0));

        given().auth().oauth2(Billing.operator()).header("X-Purpose", "BILLING; arrears list for the north zone")
                .queryParam("zone", zone)
                .when().get("/accounts").then().statusCode(200)
                .body("items", hasSize(2));
        for (String account : new String[] {first, second}) {
            accessLog(account).body("items", hasSize(1))
                    .body("items[0].who", equalTo("op-aliya"))
                    .body("items[0].objectType", equalTo("account"))
                    .body("items[0].purpose", equalTo("BILLING: arrears list for the north zone"));
        }
    }

    @Test
    void aTokenForAnotherServiceOrAnotherServicesPrincipalIsRefused() {
        String account = account(Billing.unique("zone"));
        given().auth().oauth2(TestStack.tokenFor("metering-service", Roles.OPERATOR, "op-metering-only"))
                .header("X-Purpose", "BILLING").when().get("/accounts/" + account).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokenFor("billing-service", Roles.SERVICE, "metering-service"))
                .header("X-Purpose", "BILLING").when().get("/accounts/" + account).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokenFor("billing-service", Roles.SERVICE, "metering-service"))
                .when().get("/accounts/" + account + "/balance").then().statusCode(403);
        accessLog(account).body("items", hasSize(0));
    }

    private static String account(String zone) {
        String number = Billing.unique("AQ");
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Test holder\",\"address\":\"Abai st. 1\","
                        + "\"zone\":\"" + zone + "\",\"meters\":[]}")
                .when().post("/accounts").then().statusCode(201);
        return number;
    }

    private static io.restassured.response.ValidatableResponse accessLog(String account) {
        return given().auth().oauth2(Billing.resident(account)).when().get("/me/access-log").then().statusCode(200);
    }
}
