package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BillingServiceIT {

    @Test
    void isReadyWithItsDatabaseAndBrokerAndServesMetricsAndOpenApi() {
        ServiceChecks.readyWithDatabaseAndBroker("corrections");
        ServiceChecks.servesMetricsAndOpenApi("billing-service");
    }

    @Test
    void metricsPassPrometheusStrictParserAsTextAndOpenMetricsAndCarryEveryDocumentedMetric() {
        ServiceChecks.metricsParseStrictlyAndMatchTheCatalogue("billing-service");
    }

    @Test
    void accountsAreForOperatorsAndServices() {
        ServiceChecks.guarded("/accounts", Roles.OPERATOR, Roles.RESIDENT);
    }

    @Test
    void malformedCorrectionsAreDeadLetteredAndTheServiceStaysReady() {
        ServiceChecks.deadLettered("billing-service", Topics.CONSUMPTION_CORRECTIONS,
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"meterId\":\"G-1\","
                        + "\"periodStart\":\"2026-11-01T00:00:00Z\",\"periodEnd\":\"2026-10-01T00:00:00Z\","
                        + "\"previousQuantity\":1,\"correctedQuantity\":2,\"unit\":\"M3\",\"reason\":\"late\"}",
                "periodEnd: must be after periodStart");
        ServiceChecks.readyWithDatabaseAndBroker("corrections");
    }

    @Test
    void aResidentSeesTheirOwnAccountAndOnlyThat() {
        String number = "AQ-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestStack.token(Roles.OPERATOR)).contentType("application/json")
                .body("{\"number\":\"" + number + "\",\"holder\":\"Aigerim S.\",\"address\":\"Abai st. 12\","
                        + "\"zone\":\"north\",\"meters\":[\"G-" + number + "\"]}")
                .when().post("/accounts").then().statusCode(201).body("status", equalTo("ACTIVE"));

        given().auth().oauth2(TestStack.token(Roles.RESIDENT, number)).when().get("/me/account").then()
                .statusCode(200).body("number", equalTo(number)).body("meters[0]", equalTo("G-" + number));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, number)).when().get("/accounts/" + number).then()
                .statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, "AQ-nobody")).when().get("/me/account").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void operatorsChangeAnAccountAndAMeterBelongsToOneAccountOnly() {
        String meter = "G-" + UUID.randomUUID().toString().substring(0, 8);
        String first = Billing.account("NONE", null, false, meter);
        String second = Billing.account("NONE", null, false);
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"meters\":[\"" + meter + "\"]}").when().patch("/accounts/" + second).then()
                .statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"socialCategory\":\"VETERAN\",\"webhookUrl\":\"https://example.org/hook\"}")
                .when().patch("/accounts/" + first).then().statusCode(200)
                .body("socialCategory", equalTo("VETERAN")).body("meters[0]", equalTo(meter))
                .body("holder", equalTo("Test holder"));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, first)).contentType("application/json")
                .body("{\"holder\":\"x\"}").when().patch("/accounts/" + first).then().statusCode(403);
    }

    @Test
    void aMeterMeteringServiceDoesNotKnowIsRefused() {
        String unknown = "G-" + UUID.randomUUID().toString().substring(0, 8);
        FakeMetering.unknown(unknown);
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"number\":\"" + Billing.unique("AQ") + "\",\"holder\":\"A\",\"address\":\"B\","
                        + "\"meters\":[\"G-known-1\",\"" + unknown + "\"]}")
                .when().post("/accounts").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("meters"))
                .body("detail", org.hamcrest.Matchers.containsString(unknown));
        String account = Billing.account("NONE", null, false);
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"meters\":[\"" + unknown + "\"]}").when().patch("/accounts/" + account).then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void anInvalidAccountIsRefusedNamingEachField() {
        given().auth().oauth2(TestStack.token(Roles.OPERATOR)).contentType("application/json")
                .body("{\"number\":\"bad number\",\"holder\":\"\",\"address\":\"x\",\"webhookUrl\":\"ftp://x\"}")
                .when().post("/accounts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:aqkol:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("holder", "number", "webhookUrl"));
    }
}
