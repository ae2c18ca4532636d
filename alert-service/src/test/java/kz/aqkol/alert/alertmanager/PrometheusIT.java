package kz.aqkol.alert.alertmanager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus, configured with alert-service as its Alertmanager ({@code alerting:} with a bearer token),
 * evaluates a rule: when it fires, the alert arrives as Prometheus' own notifier sends it, from the source the token
 * names; when the rule stops firing, Prometheus' resolved notification resolves it. Without a token nothing arrives.
 */
@QuarkusTest
class PrometheusIT {

    @TestHTTPResource("/")
    URL url;

    private final String operator = TestStack.token(Roles.OPERATOR, "op-dana");

    @Test
    void aFiringRuleArrivesThroughPrometheusAlertingAndResolvesWhenItStops() {
        String name = "PumpStationDown" + UUID.randomUUID().toString().substring(0, 8);
        try (Prometheus prometheus = Prometheus.start(url, TestStack.token(Roles.SERVICE, "prometheus"),
                rule(name, "vector(1)"))) {
            JsonPath open = awaitAlert(prometheus, name, "OPEN");
            assertThat(open.getString("source")).isEqualTo("prometheus");
            assertThat(open.getString("severity")).isEqualTo("CRITICAL");
            assertThat(open.getString("summary")).isEqualTo("pump station 3 does not answer");
            assertThat(open.getString("labels.station")).isEqualTo("3");

            prometheus.replaceRules(rule(name, "vector(1) > 1"));
            JsonPath resolved = awaitAlert(prometheus, name, "RESOLVED");
            assertThat(resolved.getString("id")).isEqualTo(open.getString("id"));
        }
    }

    @Test
    void aPrometheusWithoutAValidTokenDeliversNothing() {
        String name = "Unauthenticated" + UUID.randomUUID().toString().substring(0, 8);
        try (Prometheus prometheus = Prometheus.start(url, "not-a-token", rule(name, "vector(1)"))) {
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertThat(prometheus.logTail()).as("Prometheus tried and was refused").contains("401");
            given().auth().oauth2(operator).queryParam("label", "alertname=" + name).when().get("/alerts").then()
                    .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        }
    }

    private JsonPath awaitAlert(Prometheus prometheus, String name, String status) {
        try {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                    () -> given().auth().oauth2(operator).queryParam("source", "prometheus")
                            .queryParam("label", "alertname=" + name).when().get("/alerts").then().statusCode(200)
                            .extract().jsonPath().setRootPath("items[0]"),
                    alert -> status.equals(alert.getString("status")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + status + " alert " + name + " arrived; Prometheus logged:\n"
                    + prometheus.logTail(), e);
        }
    }

    private static String rule(String name, String expr) {
        return """
                groups:
                  - name: aqkol
                    interval: 1s
                    rules:
                      - alert: %s
                        expr: %s
                        labels:
                          severity: critical
                          station: "3"
                        annotations:
                          summary: pump station 3 does not answer
                """.formatted(name, expr);
    }
}
