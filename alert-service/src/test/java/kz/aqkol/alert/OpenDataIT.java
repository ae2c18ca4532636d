package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.NgsiLdChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Purpose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Public alerts (a fire a camera saw) as NGSI-LD Alert entities; alerts about a resident never. */
@QuarkusTest
class OpenDataIT {

    private static final String SCHEMA = "ngsi-ld/Alert.schema.json";
    private static final String CAMERA_ALERTS = Topics.alerts("camera-service");

    @Test
    void aCameraFireIsPublishedAndNothingAboutAResidentIs() {
        String batch = Fixtures.unique("batch");
        String camera = Fixtures.unique("CAM");
        String account = Fixtures.unique("ACC");
        String meter = Fixtures.unique("MTR");
        String plate = "555" + batch.substring(batch.length() - 3).toUpperCase() + "02";
        String tag = "\"batch\":\"" + batch + "\"";
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(CAMERA_ALERTS, Fixtures.alert("camera-service", "camera:" + camera, "FIRE", "CRITICAL",
                    "\"camera\":\"" + camera + "\",\"zone\":\"square\"," + tag, false));
            client.publish(CAMERA_ALERTS, Fixtures.alert("camera-service", "watchlist:" + plate, "WATCHLIST",
                    "MAJOR", "\"camera\":\"" + camera + "\"," + tag, false));
            client.publish(CAMERA_ALERTS, Fixtures.alert("camera-service", "account:" + account, "FIRE", "CRITICAL",
                    "\"account\":\"" + account + "\"," + tag, false));
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + meter, "LEAK", "MAJOR",
                    "\"account\":\"" + account + "\",\"zone\":\"north\"," + tag, false));
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + meter, "FIRE", "CRITICAL",
                    "\"account\":\"" + account + "\"," + tag, false));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(batch).size() == 5);
        String fire = stored(batch).stream().filter(a -> a.get("subject").asString().equals("camera:" + camera))
                .findFirst().orElseThrow().get("id").asString();
        String id = "urn:ngsi-ld:Alert:" + fire;

        String keyValues = given().when().get(NgsiLdChecks.ENTITIES + "?type=Alert&options=keyValues&limit=1000")
                .then().statusCode(200).extract().asString();
        List<JsonNode> published = NgsiLdChecks.assertValidKeyValues(SCHEMA, keyValues);
        List<String> ours = stored(batch).stream().map(a -> "urn:ngsi-ld:Alert:" + a.get("id").asString()).toList();
        assertThat(published).extracting(a -> a.get("id").asString()).filteredOn(ours::contains).containsExactly(id);
        JsonNode alert = published.stream().filter(a -> a.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(alert.get("category").asString()).isEqualTo("security");
        assertThat(alert.get("subCategory").asString()).isEqualTo("buildingFire");
        assertThat(alert.get("severity").asString()).isEqualTo("critical");
        assertThat(alert.has("validTo")).isFalse();

        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(CAMERA_ALERTS, Fixtures.alert("camera-service", "camera:" + camera, "FIRE", "CRITICAL",
                    "\"camera\":\"" + camera + "\",\"zone\":\"square\"," + tag, true));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get(NgsiLdChecks.ENTITIES + "/" + id)
                .then().statusCode(200).extract().asString().contains("validTo"));
        String normalized = given().when().get(NgsiLdChecks.ENTITIES + "/" + id).then().statusCode(200).extract()
                .asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, normalized);
        NgsiLdChecks.assertContextNegotiated("type=Alert&id=" + id);
        for (String other : ours) {
            if (!other.equals(id)) {
                given().when().get(NgsiLdChecks.ENTITIES + "/" + other).then().statusCode(404);
            }
        }
        String all = given().when().get(NgsiLdChecks.ENTITIES + "?limit=1000").then().statusCode(200).extract()
                .asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, all);
        for (String body : List.of(keyValues, normalized, all)) {
            assertThat(body).doesNotContain(account, meter, plate, camera, batch, "Something at");
        }
    }

    @Test
    void theEndpointIsPublicReadOnlyAndAnswersInNgsiLdTerms() {
        NgsiLdChecks.assertPublicReadOnlyAndStrict("Alert");
    }

    /** The batch's alerts as operators see them (not open data). */
    private static List<JsonNode> stored(String batch) {
        String body = given().auth().oauth2(Fixtures.operator()).header(Purpose.HEADER, "SAFETY; open data test")
                .queryParam("label", "batch=" + batch).queryParam("limit", 50)
                .when().get("/alerts").then().statusCode(200).extract().asString();
        JsonNode items = JsonMapper.builder().build().readTree(body).get("items");
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
