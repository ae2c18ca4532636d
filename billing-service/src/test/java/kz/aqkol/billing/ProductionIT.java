package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * billing-service started as production (with an issuer of its own, since production refuses the development one):
 * a resident's webhook may not be aimed at the cluster's insides or sent in the clear, a refused target changes
 * nothing, and the development payment sandbox is trusted for nothing.
 */
@QuarkusTest
@TestProfile(ProductionIT.Production.class)
class ProductionIT {

    static final String ISSUER = "https://id.test.aqkol.example/realms/aqkol";

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aqkol.deployment", "production", "mp.jwt.verify.issuer", ISSUER);
        }
    }

    @Test
    void aWebhookAimedAtAPrivateLoopbackOrPlainHttpTargetIsRefusedAndNothingChanges() {
        String operator = TestStack.tokenFrom(ISSUER, Roles.OPERATOR, "op-aliya");
        String number = Billing.unique("AQ");
        given().auth().oauth2(operator).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Test holder\",\"address\":\"Abai st. 1\","
                        + "\"zone\":\"north\",\"meters\":[]}")
                .when().post("/accounts").then().statusCode(201);

        for (String target : new String[] {"https://10.0.0.7/hook", "https://169.254.169.254/latest/meta-data",
                "https://127.0.0.1:8083/payments", "https://[fd00::1]/hook", "http://example.org/hook"}) {
            given().auth().oauth2(operator).contentType("application/json")
                    .body("{\"webhookUrl\":\"" + target + "\"}")
                    .when().patch("/accounts/" + number).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("webhookUrl"));
        }
        given().auth().oauth2(operator).contentType("application/json")
                .body("{\"number\":\"" + Billing.unique("AQ") + "\",\"holder\":\"x\",\"address\":\"y\","
                        + "\"zone\":\"north\",\"meters\":[],\"webhookUrl\":\"https://192.168.1.1/hook\"}")
                .when().post("/accounts").then().statusCode(400)
                .body("detail", containsString("webhookUrl"));

        given().auth().oauth2(TestStack.tokenFrom(ISSUER, Roles.RESIDENT, number)).when().get("/me/account").then()
                .statusCode(200).body("webhookUrl", nullValue());
        // and the development issuer's tokens are not accepted here
        given().auth().oauth2(TestStack.token(Roles.OPERATOR)).header("X-Purpose", "BILLING")
                .when().get("/accounts/" + number).then().statusCode(401);
    }

    @Test
    void theSandboxPaymentProviderIsTrustedForNothing() {
        String operator = TestStack.tokenFrom(ISSUER, Roles.OPERATOR, "op-aliya");
        String number = Billing.unique("AQ");
        given().auth().oauth2(operator).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Test holder\",\"address\":\"Abai st. 1\","
                        + "\"zone\":\"north\",\"meters\":[]}")
                .when().post("/accounts").then().statusCode(201);

        given().auth().oauth2(TestStack.tokenFrom(ISSUER, Roles.RESIDENT, number)).contentType("application/json")
                .header("Idempotency-Key", Billing.unique("k")).body("{\"amountTiyn\":100000,\"toWallet\":true}")
                .when().post("/me/payments").then().statusCode(503)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokenFrom(ISSUER, Roles.SERVICE, "sandbox")).contentType("application/json")
                .header("Idempotency-Key", Billing.unique("k"))
                .body("{\"accountNumber\":\"" + number + "\",\"amountTiyn\":100000,\"toWallet\":true}")
                .when().post("/payments").then().statusCode(403);
        given().contentType("application/json").body("{}")
                .when().post("/payments/providers/sandbox/callbacks").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestStack.tokenFrom(ISSUER, Roles.RESIDENT, number)).when().get("/me/balance").then()
                .statusCode(200).body("walletTiyn", equalTo(0));
    }
}
