package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.MutableClock;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The public report: no token, no identifiers, small counts withheld, closed months only, rate-limited. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyIT {

    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @AfterEach
    void resetClock() {
        MutableClock.INSTANCE.reset();
    }

    @Test
    @Order(1)
    void theReportNeedsNoTokenHoldsNoIdentifiersAndSuppressesSmallCounts() {
        // a month (in the past, so no other test touches it) with 6 CROWD events and 2 SMOKE events
        Instant month = Instant.parse("2025-03-01T00:00:00Z");
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        UUID[] ids = new UUID[8];
        try (MqttTestClient device = TestStack.mqtt()) {
            for (int i = 0; i < 6; i++) {
                ids[i] = Fixtures.publish(device, camera, month.plus(Duration.ofHours(i + 1)), "CROWD", null);
            }
            ids[6] = Fixtures.publish(device, camera, month.plus(Duration.ofDays(2)), "SMOKE", null);
            ids[7] = Fixtures.publish(device, camera, month.plus(Duration.ofDays(3)), "SMOKE", null);
        }
        Fixtures.stored(ids);
        String person = Fixtures.unique("lena");
        String token = Fixtures.person(person, Roles.DISPATCHER);
        String caseRef = Fixtures.unique("SECRET-CASE");
        Instant now = Instant.now();
        Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", caseRef, "[\"" + camera + "\"]", null,
                now.minus(Duration.ofHours(1)), now, now.plus(Duration.ofHours(1))));

        String json = given().queryParam("period", "2025-03").when().get("/transparency/report").then()
                .statusCode(200).contentType("application/json").body("period", equalTo("2025-03"))
                .body("from", equalTo("2025-03-01T00:00:00Z")).body("to", equalTo("2025-04-01T00:00:00Z"))
                .extract().asString();
        JsonPath report = JsonPath.from(json);
        List<Map<String, Object>> events = report.getList("events");
        Map<String, Object> crowd = find(events, "CROWD");
        Map<String, Object> smoke = find(events, "SMOKE");
        assertThat(crowd.get("count")).isEqualTo(6);
        assertThat(crowd.get("suppressed")).isEqualTo(false);
        assertThat(smoke.get("count")).isNull();
        assertThat(smoke.get("suppressed")).isEqualTo(true);
        assertThat(report.getInt("suppressedBelow")).isEqualTo(5);

        // this month is published once it has closed: the grant made now is counted then
        MutableClock.INSTANCE.advance(Duration.ofDays(40));
        String thisMonth = YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString();
        String closed = given().queryParam("period", thisMonth).when().get("/transparency/report").then()
                .statusCode(200).extract().asString();
        String csv = given().queryParam("period", thisMonth).queryParam("format", "csv").when()
                .get("/transparency/report").then().statusCode(200).contentType("text/csv").extract().asString();
        String csvByAccept = given().accept("text/csv").when().get("/transparency/report").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("section,group,count\n").contains("grants,purpose=INCIDENT;outcome=ACTIVE_AT_ONCE,")
                .contains("watchlist,measure=added,");
        assertThat(csvByAccept).startsWith("section,group,count\n");
        for (String text : List.of(json, closed, csv)) {
            assertThat(text).doesNotContain(camera).doesNotContain(person).doesNotContain(caseRef)
                    .doesNotContain("nvr://").doesNotContain("rtsp://");
            assertThat(UUID_LIKE.matcher(text).find()).as("no ids of events, grants or receipts").isFalse();
        }
    }

    @Test
    @Order(2)
    void onlyClosedCalendarMonthsAreAnsweredSoNoTwoAnswersCanBeSubtracted() {
        String current = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).toString();
        given().queryParam("from", "2025-03-01T00:00:00Z").queryParam("to", "2025-03-20T00:00:00Z").when()
                .get("/transparency/report").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().queryParam("period", "2025-03").queryParam("to", "2025-03-20T00:00:00Z").when()
                .get("/transparency/report").then().statusCode(400).body("errors[0].field", equalTo("to"));
        for (String period : List.of(current, "2099-01", "2025-W10", "last week")) {
            given().queryParam("period", period).when().get("/transparency/report").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("period"));
        }
        String previous = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).minusMonths(1).toString();
        given().when().get("/transparency/report").then().statusCode(200).body("period", equalTo(previous));
    }

    @Test
    @Order(3)
    void oneAddressAskingTooOftenIsToldToWait() {
        Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Response answer = given().queryParam("period", "2025-03").when().get("/transparency/report");
            if (answer.statusCode() != 200) {
                refused = answer;
            }
        }
        assertThat(refused).as("refused within 100 requests (the limit is 30 a minute)").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:aqkol:problem:rate-limited");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);

        MutableClock.INSTANCE.advance(Duration.ofSeconds(retryAfter));
        given().queryParam("period", "2025-03").when().get("/transparency/report").then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(List<Map<String, Object>> counts, String type) {
        return counts.stream().filter(c -> ((Map<String, String>) c.get("group")).get("type").equals(type)
                        && ((Map<String, String>) c.get("group")).get("month").equals("2025-03"))
                .findFirst().orElseThrow();
    }
}
