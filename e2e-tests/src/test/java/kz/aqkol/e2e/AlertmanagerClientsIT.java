package kz.aqkol.e2e;

import static kz.aqkol.devstack.test.Amtool.ALERT_COLUMNS;
import static kz.aqkol.devstack.test.Amtool.SILENCE_COLUMNS;
import static kz.aqkol.devstack.test.Amtool.table;
import static kz.aqkol.e2e.Village.as;
import static kz.aqkol.e2e.Village.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.test.Amtool;
import kz.aqkol.devstack.test.Prometheus;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The tools operators already run, unchanged, against the packaged alert-service: a real Prometheus with
 * alert-service as its Alertmanager ({@code alerting:}, bearer token) fires a rule; a dispatcher's amtool finds the
 * alert, silences it, sees it suppressed and expires the silence; the rule stops and Prometheus' resolve closes
 * the alert. A Prometheus with a bad token delivers nothing.
 */
class AlertmanagerClientsIT {

    private static final String SUMMARY = "boiler house 2 pressure below 1.2 bar";

    @Test
    void prometheusFiresARuleAmtoolSilencesItAndTheRuleStoppingResolvesIt() {
        String name = "BoilerPressureLow" + Village.unique("").replace("-", "");
        String url = Village.url(Service.ALERT);
        Amtool amtool = Amtool.at(url, Village.token("e2e-dispatcher", "dispatcher"));
        try (Prometheus prometheus = Prometheus.start(url, Village.token("prometheus", "service"),
                rule(name, "vector(1)"))) {
            List<String> firing = awaitLines(prometheus, amtool, 2, "alert", "query", "alertname=" + name);
            String startsAt = as(operator(), Service.ALERT).queryParam("filter", "alertname=" + name)
                    .when().get("/api/v2/alerts").then().statusCode(200).extract().jsonPath()
                    .getString("[0].startsAt");
            String[] alert = {name, seconds(startsAt), SUMMARY, "active"};
            assertThat(firing).isEqualTo(table(ALERT_COLUMNS, alert));

            Amtool.Result silence = amtool.run("silence", "add", "alertname=" + name, "-c", "boiler serviced",
                    "-d", "2h");
            assertThat(silence.exit()).as(silence.err()).isZero();
            String id = silence.out().strip();
            String endsAt = as(operator(), Service.ALERT).when().get("/api/v2/silence/" + id).then()
                    .statusCode(200).extract().jsonPath().getString("endsAt");
            assertThat(amtool.run("silence", "query", "alertname=" + name).lines()).isEqualTo(table(SILENCE_COLUMNS,
                    new String[] {id, "alertname=\"" + name + "\"", seconds(endsAt), "e2e-dispatcher",
                        "boiler serviced"}));
            assertThat(amtool.run("alert", "query", "--silenced", "alertname=" + name).lines())
                    .isEqualTo(table(ALERT_COLUMNS, new String[] {name, seconds(startsAt), SUMMARY, "suppressed"}));
            assertThat(amtool.run("silence", "expire", id)).isEqualTo(new Amtool.Result(0, "", ""));
            assertThat(amtool.run("alert", "query", "alertname=" + name).lines())
                    .isEqualTo(table(ALERT_COLUMNS, alert));

            prometheus.replaceRules(rule(name, "vector(1) > 1"));
            assertThat(awaitLines(prometheus, amtool, 1, "alert", "query", "alertname=" + name))
                    .isEqualTo(table(ALERT_COLUMNS));
            Map<String, Object> resolved = as(operator(), Service.ALERT).queryParam("label", "alertname=" + name)
                    .when().get("/alerts").then().statusCode(200).extract().jsonPath().getMap("items[0]");
            assertThat(resolved).containsEntry("status", "RESOLVED").containsEntry("source", "prometheus")
                    .containsEntry("severity", "CRITICAL").containsEntry("summary", SUMMARY)
                    .containsEntry("occurrences", 1);
        }
    }

    @Test
    void aPrometheusWithABadTokenDeliversNothing() {
        String name = "Unauthenticated" + Village.unique("").replace("-", "");
        try (Prometheus prometheus = Prometheus.start(Village.url(Service.ALERT), "not-a-token",
                rule(name, "vector(1)"))) {
            await("Prometheus tries to deliver and is refused").atMost(Duration.ofSeconds(30))
                    .until(() -> prometheus.logTail().contains("401 Unauthorized"));
            assertThat(as(operator(), Service.ALERT).queryParam("label", "alertname=" + name)
                    .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        }
    }

    /** Runs amtool until it prints {@code lines} lines (Prometheus evaluates and sends each second). */
    private static List<String> awaitLines(Prometheus prometheus, Amtool amtool, int lines, String... args) {
        AtomicReference<Amtool.Result> last = new AtomicReference<>();
        try {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(amtool.run(args));
                        return last.get().lines();
                    }, printed -> printed.size() == lines);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("amtool did not show " + lines + " lines but " + last.get()
                    + "; Prometheus logged:\n" + prometheus.logTail(), e);
        }
    }

    /** A time as amtool prints it with {@code --date.format=2006-01-02T15:04:05Z07:00}. */
    private static String seconds(String time) {
        return Instant.parse(time).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String rule(String name, String expr) {
        return """
                groups:
                  - name: boilers
                    interval: 1s
                    rules:
                      - alert: %s
                        expr: %s
                        labels:
                          severity: critical
                          boiler_house: "2"
                        annotations:
                          summary: %s
                """.formatted(name, expr, SUMMARY);
    }
}
