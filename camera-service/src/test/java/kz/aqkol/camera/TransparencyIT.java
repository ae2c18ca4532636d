package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** The public report: no token, no identifiers, small counts withheld. */
@QuarkusTest
class TransparencyIT {

    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
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
        Fixtures.requestGrant(token, Fixtures.grant("INCIDENT", caseRef, "[\"" + camera + "\"]", null, month,
                month.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofHours(1))));

        String json = given().queryParam("from", "2025-03-01T00:00:00Z").queryParam("to", "2025-04-01T00:00:00Z")
                .when().get("/transparency/report").then().statusCode(200).contentType("application/json")
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

        String now = given().when().get("/transparency/report").then().statusCode(200).extract().asString();
        String csv = given().queryParam("format", "csv").when().get("/transparency/report").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String csvByAccept = given().accept("text/csv").when().get("/transparency/report").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("section,group,count\n").contains("grants,purpose=INCIDENT;outcome=ACTIVE_AT_ONCE,");
        assertThat(csvByAccept).startsWith("section,group,count\n");
        for (String text : List.of(json, now, csv)) {
            assertThat(text).doesNotContain(camera).doesNotContain(person).doesNotContain(caseRef)
                    .doesNotContain("nvr://").doesNotContain("rtsp://");
            assertThat(UUID_LIKE.matcher(text).find()).as("no ids of events, grants or receipts").isFalse();
        }
        given().queryParam("from", "last week").when().get("/transparency/report").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> find(List<Map<String, Object>> counts, String type) {
        return counts.stream().filter(c -> ((Map<String, String>) c.get("group")).get("type").equals(type)
                        && ((Map<String, String>) c.get("group")).get("month").equals("2025-03"))
                .findFirst().orElseThrow();
    }
}
