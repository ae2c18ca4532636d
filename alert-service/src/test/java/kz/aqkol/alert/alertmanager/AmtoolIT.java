package kz.aqkol.alert.alertmanager;

import static io.restassured.RestAssured.given;
import static kz.aqkol.devstack.test.Amtool.ALERT_COLUMNS;
import static kz.aqkol.devstack.test.Amtool.SILENCE_COLUMNS;
import static kz.aqkol.devstack.test.Amtool.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import kz.aqkol.devstack.test.Amtool;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * The real {@code amtool} 0.25 against the running service, its outputs asserted exactly: an operator adds an
 * alert, finds it, silences it, sees it suppressed, expires the silence and sees it active again; a service's
 * token cannot silence.
 */
@QuarkusTest
class AmtoolIT {

    @TestHTTPResource("/")
    URL url;

    private final String operator = TestStack.token(Roles.OPERATOR, "op-dana");

    @Test
    void amtoolAddsAndQueriesAnAlertThenSilencesAndExpiresItsSilence() {
        Amtool amtool = Amtool.at(url.toString(), operator);
        String name = "Amtool" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(amtool.run("alert", "add", "alertname=" + name, "severity=warning",
                "--annotation=summary=pump pressure low")).isEqualTo(new Amtool.Result(0, "", ""));
        String startsAt = seconds(given().auth().oauth2(operator).queryParam("filter", "alertname=" + name)
                .when().get("/api/v2/alerts").then().statusCode(200).extract().jsonPath().getString("[0].startsAt"));
        String[] active = {name, startsAt, "pump pressure low", "active"};
        assertThat(amtool.run("alert", "query", "alertname=" + name).lines())
                .isEqualTo(table(ALERT_COLUMNS, active));

        Amtool.Result silence = amtool.run("silence", "add", "alertname=" + name, "-c", "pump serviced", "-d", "1h");
        assertThat(silence.exit()).isZero();
        assertThat(silence.err()).isEmpty();
        String id = silence.out().strip();
        assertThat(UUID.fromString(id)).isNotNull();
        String endsAt = seconds(given().auth().oauth2(operator).when().get("/api/v2/silence/" + id).then()
                .statusCode(200).extract().jsonPath().getString("endsAt"));
        assertThat(Instant.parse(endsAt)).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
        assertThat(amtool.run("silence", "query", "alertname=" + name).lines()).isEqualTo(table(SILENCE_COLUMNS,
                new String[] {id, "alertname=\"" + name + "\"", endsAt, "op-dana", "pump serviced"}));
        given().auth().oauth2(operator).when().get("/silences").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.comment", org.hamcrest.Matchers.equalTo("pump serviced"));

        assertThat(amtool.run("alert", "query", "alertname=" + name).lines()).isEqualTo(table(ALERT_COLUMNS));
        assertThat(amtool.run("alert", "query", "--silenced", "alertname=" + name).lines())
                .isEqualTo(table(ALERT_COLUMNS, new String[] {name, startsAt, "pump pressure low", "suppressed"}));

        assertThat(amtool.run("silence", "expire", id)).isEqualTo(new Amtool.Result(0, "", ""));
        assertThat(amtool.run("silence", "query", "alertname=" + name).lines()).isEqualTo(table(SILENCE_COLUMNS));
        assertThat(amtool.run("alert", "query", "alertname=" + name).lines())
                .isEqualTo(table(ALERT_COLUMNS, active));
    }

    @Test
    void amtoolWithAServicesTokenCannotSilenceAndNothingIsSilenced() {
        String name = "Amtool" + UUID.randomUUID().toString().substring(0, 8);
        Amtool.Result refused = Amtool.at(url.toString(), TestStack.token(Roles.SERVICE, "prometheus"))
                .run("silence", "add", "alertname=" + name, "-c", "quiet", "-d", "1h");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("(status 403)");
        assertThat(Amtool.at(url.toString(), operator).run("silence", "query", "alertname=" + name).lines())
                .isEqualTo(table(SILENCE_COLUMNS));
    }

    /** A time as amtool prints it with {@code --date.format=2006-01-02T15:04:05Z07:00}. */
    private static String seconds(String time) {
        return Instant.parse(time).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
