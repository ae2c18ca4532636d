package kz.aqkol.alert;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;

/**
 * Test set-up shared by the alert tests: one webhook recorder for the whole run, receivers pointing at it, and
 * a routing tree with one route per scenario (matched by the label {@code scenario}).
 */
final class Fixtures {

    static final WebhookRecorder WEBHOOKS = WebhookRecorder.start();
    /** Where metering-service raises its alerts; {@link #alert} sends as metering-service. */
    static final String METERING_ALERTS = Topics.alerts("metering-service");
    private static final String[] RECEIVERS = {"silence-team", "first-line", "second-line", "flaky-team",
        "slow-team", "lost-team"};

    private Fixtures() {
    }

    static String operator() {
        return TestStack.token(Roles.OPERATOR, "op-dana");
    }

    /** Creates the receivers (once) and saves the routing tree every scenario uses. */
    static void routing() {
        for (String receiver : RECEIVERS) {
            int status = given().auth().oauth2(operator()).contentType("application/json")
                    .body("{\"name\":\"" + receiver + "\",\"team\":\"duty\",\"webhookUrl\":\""
                            + WEBHOOKS.url("/" + receiver) + "\",\"signingKey\":\"key-of-" + receiver
                            + "-for-tests\"}")
                    .when().post("/receivers").then().extract().statusCode();
            if (status != 201 && status != 409) {
                throw new AssertionError("receiver " + receiver + " not created: HTTP " + status);
            }
        }
        given().auth().oauth2(operator()).contentType("application/json").body("""
                {"route": {"name": "root", "groupBy": ["subject"], "routes": [
                  {"name": "silence-route", "receiver": "silence-team", "groupWait": "0s", "groupInterval": "1s",
                   "matchers": [{"name": "scenario", "value": "silence"}]},
                  {"name": "escalate-route", "receiver": "first-line", "groupWait": "0s", "groupInterval": "1s",
                   "matchers": [{"name": "scenario", "value": "escalate"}],
                   "escalation": {"levels": [{"after": "10m", "receiver": "second-line"}], "remindEvery": "30m"}},
                  {"name": "retry-route", "receiver": "flaky-team", "groupWait": "0s", "groupInterval": "1s",
                   "matchers": [{"name": "scenario", "value": "retry"}]},
                  {"name": "slow-route", "receiver": "slow-team", "groupWait": "0s", "groupInterval": "1s",
                   "matchers": [{"name": "scenario", "value": "slow"}]},
                  {"name": "lost-route", "receiver": "lost-team", "groupWait": "0s", "groupInterval": "1s",
                   "matchers": [{"name": "scenario", "value": "lost"}]}
                ]},
                 "inhibitRules": [{"sourceMatchers": [{"name": "type", "value": "OFFLINE"}],
                                   "targetMatchers": [{"name": "type", "value": "TAMPER"}], "equal": ["subject"]}]}
                """).when().put("/routing").then().statusCode(200);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String alert(String subject, String type, String severity, String labels, boolean resolved) {
        return alert("metering-service", subject, type, severity, labels, resolved);
    }

    /** An AlertRaised claiming {@code source}; {@code labels} is the inside of the labels object. */
    static String alert(String source, String subject, String type, String severity, String labels,
                        boolean resolved) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"source\":"
                + "\"" + source + "\",\"type\":\"" + type + "\",\"severity\":\"" + severity + "\",\"subject\":\""
                + subject + "\",\"summary\":\"Something at " + subject + "\",\"labels\":{" + labels + "},"
                + "\"resolved\":" + resolved + "}";
    }
}
