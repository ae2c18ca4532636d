package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertServiceIT {

    @Test
    void isReadyWithItsDatabaseAndBrokerAndServesMetricsAndOpenApi() {
        ServiceChecks.readyWithDatabaseAndBroker("alerts");
        ServiceChecks.servesMetricsAndOpenApi("alert-service");
    }

    @Test
    void metricsPassPrometheusStrictParserAsTextAndOpenMetricsAndCarryEveryDocumentedMetric() {
        ServiceChecks.metricsParseStrictlyAndMatchTheCatalogue("alert-service");
    }

    @Test
    void alertsAreForOperatorsAndDispatchers() {
        ServiceChecks.guarded("/alerts", Roles.DISPATCHER, Roles.RESIDENT);
    }

    @Test
    void malformedAlertsAreDeadLetteredAndTheServiceStaysReady() {
        ServiceChecks.deadLettered("alert-service", Fixtures.METERING_ALERTS,
                "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-25T10:00:00Z\",\"source\":\"x\","
                        + "\"type\":\"LEAK\",\"severity\":\"SEVERE\",\"subject\":\"meter:1\",\"summary\":\"s\"}",
                "severity: must be one of CRITICAL, MAJOR, MINOR, WARNING, INFO");
        ServiceChecks.readyWithDatabaseAndBroker("alerts");
    }

    @Test
    void theSameConditionCountsUpOneAlertAndARedeliveryChangesNothing() {
        String subject = "meter:G-" + UUID.randomUUID().toString().substring(0, 8);
        String repeated = alert(UUID.randomUUID(), subject, "2026-11-25T10:00:00Z", false);
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, repeated);
            client.publish(Fixtures.METERING_ALERTS, repeated);
            client.publish(Fixtures.METERING_ALERTS, alert(UUID.randomUUID(), subject, "2026-11-25T10:05:00Z", false));
        }
        String token = TestStack.token(Roles.OPERATOR);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("source", "metering-service").when().get("/alerts").then().statusCode(200)
                .body("items.findAll { it.subject == '" + subject + "' }.size()", equalTo(1))
                .body("items.find { it.subject == '" + subject + "' }.occurrences", equalTo(2)));

        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, alert(UUID.randomUUID(), subject, "2026-11-25T11:00:00Z", true));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath page = given().auth().oauth2(token).queryParam("status", "RESOLVED").when().get("/alerts")
                    .then().statusCode(200).extract().jsonPath();
            org.assertj.core.api.Assertions.assertThat(page.getList("items.subject")).contains(subject);
        });
    }

    private static String alert(UUID id, String subject, String at, boolean resolved) {
        return "{\"id\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"source\":\"metering-service\","
                + "\"type\":\"LEAK\",\"severity\":\"MAJOR\",\"subject\":\"" + subject + "\","
                + "\"summary\":\"Continuous flow for 24 h\",\"labels\":{\"zone\":\"north\"},\"resolved\":" + resolved
                + "}";
    }
}
