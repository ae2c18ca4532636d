package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.NgsiLdChecks;
import kz.aqkol.devstack.test.TestStack;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Zone consumption per day as NGSI-LD KeyPerformanceIndicator entities: published for a zone of five households,
 * not for one of four (however many meters they have), and never with a meter or an account in it.
 */
@QuarkusTest
class OpenDataIT {

    private static final String SCHEMA = "ngsi-ld/KeyPerformanceIndicator.schema.json";
    private static final ZoneId VILLAGE = ConfigProvider.getConfig()
            .getValue("aqkol.metering.time-zone", ZoneId.class);

    @Test
    void aZoneOfFourHouseholdsIsNotPublishedAndOfFiveItIs() {
        String zone = Fixtures.unique("zone");
        LocalDate yesterday = LocalDate.now(VILLAGE).minusDays(1);
        Instant dayStart = yesterday.atStartOfDay(VILLAGE).toInstant();
        Instant dayEnd = yesterday.plusDays(1).atStartOfDay(VILLAGE).toInstant();
        List<String> accounts = new ArrayList<>();
        List<String> meters = new ArrayList<>();
        for (int household = 0; household < 4; household++) {
            accounts.add(Fixtures.unique("ACC"));
        }
        // four households, one of them with two water meters: five meters, four households
        for (int i = 0; i < 5; i++) {
            meters.add(waterMeter(zone, accounts.get(Math.min(i, 3)), dayStart, dayEnd));
        }
        awaitZoneTotal(zone, dayStart, dayEnd, "7.5");
        String id = "urn:ngsi-ld:KeyPerformanceIndicator:" + zone + ":water-m3:" + yesterday;
        given().when().get(NgsiLdChecks.ENTITIES + "/" + id).then().statusCode(404);
        assertThat(NgsiLdChecks.entities(given().when().get(NgsiLdChecks.ENTITIES + "?id=" + id).then()
                .statusCode(200).extract().asString())).isEmpty();

        String four = given().when().get(NgsiLdChecks.ENTITIES + "?type=KeyPerformanceIndicator&options=keyValues"
                + "&limit=1000").then().statusCode(200).extract().asString();
        assertThat(NgsiLdChecks.assertValidKeyValues(SCHEMA, four))
                .noneMatch(e -> zone.equals(e.path("area").asString()));

        accounts.add(Fixtures.unique("ACC"));
        meters.add(waterMeter(zone, accounts.get(4), dayStart, dayEnd));
        awaitZoneTotal(zone, dayStart, dayEnd, "9");

        String keyValues = given().when().get(NgsiLdChecks.ENTITIES + "?type=KeyPerformanceIndicator"
                + "&options=keyValues&id=" + id).then().statusCode(200).extract().asString();
        List<JsonNode> five = NgsiLdChecks.assertValidKeyValues(SCHEMA, keyValues);
        assertThat(five).hasSize(1);
        JsonNode day = five.get(0);
        assertThat(day.get("area").asString()).isEqualTo(zone);
        assertThat(day.get("product").asString()).isEqualTo("water");
        assertThat(day.get("kpiValue").decimalValue()).isEqualByComparingTo("9");
        assertThat(day.get("calculationPeriod").get("from").asString()).isEqualTo(yesterday.toString());

        String normalized = given().when().get(NgsiLdChecks.ENTITIES + "/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(NgsiLdChecks.assertValidNormalized(SCHEMA, normalized).get(0).get("kpiValue").decimalValue())
                .isEqualByComparingTo("9");
        assertThat(NgsiLdChecks.entities(normalized).get(0).get("kpiValue").get("unitCode").asString())
                .isEqualTo("MTQ");

        String all = given().when().get(NgsiLdChecks.ENTITIES + "?limit=1000").then().statusCode(200).extract()
                .asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, all);
        for (String body : List.of(four, keyValues, normalized, all)) {
            assertThat(body).doesNotContain(accounts).doesNotContain(meters);
        }
    }

    @Test
    void operatorsSeeAZonePerDayAndPerMonthWithWhatWasEstimated() {
        String zone = Fixtures.unique("zone");
        LocalDate yesterday = LocalDate.now(VILLAGE).minusDays(1);
        Instant dayStart = yesterday.atStartOfDay(VILLAGE).toInstant();
        Instant dayEnd = yesterday.plusDays(1).atStartOfDay(VILLAGE).toInstant();
        for (int household = 0; household < 3; household++) {
            String meter = waterMeter(zone, Fixtures.unique("ACC"), dayStart, dayEnd);
            try (MqttTestClient client = TestStack.mqtt()) { // hourly in between: every hour of the day measured
                for (int hour = 1; hour < 24; hour++) {
                    client.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(),
                            dayStart.plus(Duration.ofHours(hour)), new BigDecimal("100.0625")
                                    .add(new BigDecimal("0.0625").multiply(BigDecimal.valueOf(hour - 1)))
                                    .toPlainString(), "M3"));
                }
            }
        }
        awaitZoneTotal(zone, dayStart, dayEnd, "4.5");
        await().atMost(Duration.ofSeconds(30)).until(() -> "MEASURED".equals(Fixtures.staff()
                .queryParam("from", yesterday.toString()).queryParam("to", yesterday.toString())
                .when().get("/zones/" + zone + "/consumption/series").then().statusCode(200).extract()
                .jsonPath().getString("[0].quality")));

        Fixtures.staff().queryParam("from", yesterday.toString()).queryParam("to", yesterday.toString())
                .when().get("/zones/" + zone + "/consumption/series").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].first", org.hamcrest.Matchers.equalTo(yesterday.toString()))
                .body("[0].households", org.hamcrest.Matchers.is(3))
                .body("[0].total", org.hamcrest.Matchers.is(4.5f))
                .body("[0].estimated", org.hamcrest.Matchers.is(0))
                .body("[0].quality", org.hamcrest.Matchers.equalTo("MEASURED"));

        // the month goes on past the last readings at their average rate: estimated, on top of the measured day
        JsonNode month = tools.jackson.databind.json.JsonMapper.shared().readTree(Fixtures.staff()
                .queryParam("from", yesterday.toString()).queryParam("to", yesterday.toString())
                .queryParam("interval", "MONTH").queryParam("utility", "WATER")
                .when().get("/zones/" + zone + "/consumption/series").then().statusCode(200).extract().asString())
                .get(0);
        assertThat(month.get("first").asString()).isEqualTo(yesterday.withDayOfMonth(1).toString());
        assertThat(month.get("last").asString()).isEqualTo(yesterday.withDayOfMonth(yesterday.lengthOfMonth())
                .toString());
        assertThat(month.get("households").asInt()).isEqualTo(3);
        assertThat(month.get("total").decimalValue().subtract(month.get("estimated").decimalValue()))
                .as("what was not estimated: the measured day").isEqualByComparingTo("4.5");

        Fixtures.staff().queryParam("from", yesterday.toString()).queryParam("to", yesterday.toString())
                .queryParam("interval", "HOUR")
                .when().get("/zones/" + zone + "/consumption/series").then().statusCode(400);
        given().auth().oauth2(TestStack.token(kz.aqkol.platform.security.Roles.RESIDENT, "AQ-0001"))
                .queryParam("from", yesterday.toString()).queryParam("to", yesterday.toString())
                .when().get("/zones/" + zone + "/consumption/series").then().statusCode(403);
    }

    @Test
    void aClosedMonthOfAZoneOfFiveHouseholdsIsPublishedWithWhatWasSuspect() {
        String zone = Fixtures.unique("zone");
        java.time.YearMonth last = java.time.YearMonth.now(VILLAGE).minusMonths(1);
        Instant monthStart = last.atDay(1).atStartOfDay(VILLAGE).toInstant();
        Instant monthEnd = last.plusMonths(1).atDay(1).atStartOfDay(VILLAGE).toInstant();
        for (int household = 0; household < 5; household++) {
            // one reading at each end of the month: a gap too long to estimate across, so the month is SUSPECT
            waterMeter(zone, Fixtures.unique("ACC"), monthStart, monthEnd);
        }
        awaitZoneTotal(zone, monthStart, monthEnd, "7.5");

        String id = "urn:ngsi-ld:KeyPerformanceIndicator:" + zone + ":water-m3:" + last;
        List<JsonNode> published = NgsiLdChecks.assertValidKeyValues(SCHEMA, given().when()
                .get(NgsiLdChecks.ENTITIES + "?type=KeyPerformanceIndicator&options=keyValues&id=" + id)
                .then().statusCode(200).extract().asString());
        assertThat(published).hasSize(1);
        JsonNode month = published.get(0);
        assertThat(month.get("calculationFrequency").asString()).isEqualTo("monthly");
        assertThat(month.get("kpiValue").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(month.get("calculationPeriod").get("from").asString()).isEqualTo(last.atDay(1).toString());
        assertThat(month.get("calculationPeriod").get("to").asString()).isEqualTo(last.atEndOfMonth().toString());
        assertThat(month.get("description").asString()).contains("quality SUSPECT; of it 0 estimated and 7.5 suspect");
        List<JsonNode> notMeasured = NgsiLdChecks.assertValidKeyValues(SCHEMA, given().when()
                .get(NgsiLdChecks.ENTITIES + "?type=KeyPerformanceIndicator&options=keyValues&id=" + id
                        + ":not-measured").then().statusCode(200).extract().asString());
        assertThat(notMeasured).hasSize(1);
        assertThat(notMeasured.get(0).get("kpiValue").decimalValue()).as("all of it: a month between two readings")
                .isEqualByComparingTo("7.5");
        assertThat(notMeasured.get(0).get("calculationFrequency").asString()).isEqualTo("monthly");
    }

    @Test
    void theEndpointIsPublicReadOnlyAndAnswersInNgsiLdTerms() {
        NgsiLdChecks.assertPublicReadOnlyAndStrict("KeyPerformanceIndicator");
    }

    /** A water meter of the account in the zone that used 1.5 m3 over the day. */
    private static String waterMeter(String zone, String account, Instant dayStart, Instant dayEnd) {
        String meter = Fixtures.unique("WM");
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("""
                        {"id":"%s","utility":"WATER","unit":"M3","registerDigits":6,"multiplier":1,"hasValve":false,
                         "zone":"%s","accountNumber":"%s","installedAt":"%s"}"""
                        .formatted(meter, zone, account, dayStart.minus(Duration.ofDays(40))))
                .when().post("/meters").then().statusCode(201);
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(), dayStart, "100", "M3"));
            client.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(), dayEnd, "101.5", "M3"));
        }
        return meter;
    }

    /** Waits until every reading is in: the operators' zone total (not open data) has reached the figure. */
    private static void awaitZoneTotal(String zone, Instant from, Instant to, String total) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Object> totals = Fixtures.staff().queryParam("from", from.toString())
                    .queryParam("to", to.toString()).queryParam("utility", "WATER")
                    .when().get("/zones/" + zone + "/consumption").then().statusCode(200).extract()
                    .jsonPath().getList("total");
            return totals.size() == 1 && new BigDecimal(totals.get(0).toString()).compareTo(new BigDecimal(total)) == 0;
        });
    }
}
