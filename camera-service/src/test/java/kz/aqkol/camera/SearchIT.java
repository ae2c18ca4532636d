package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchIT {

    @Test
    void searchPagesThroughOneCamerasDayNewestFirstWithoutPlatesOrSnapshots() {
        String zone = Fixtures.zone("PUBLIC");
        String camera = Fixtures.camera(zone);
        String other = Fixtures.camera(zone);
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
        List<UUID> ids = new ArrayList<>();
        try (MqttTestClient device = TestStack.mqtt()) {
            for (int i = 0; i < 7; i++) {
                ids.add(Fixtures.publish(device, camera, day.plus(Duration.ofHours(i + 1)), i == 3 ? "PLATE" : "PERSON",
                        i == 3 ? "123ABC02" : null));
            }
            ids.add(Fixtures.publish(device, camera, day.minus(Duration.ofHours(1)), "PERSON", null)); // day before
            ids.add(Fixtures.publish(device, other, day.plus(Duration.ofHours(2)), "PERSON", null)); // other camera
        }
        Fixtures.stored(ids.toArray(UUID[]::new));

        String token = Fixtures.operator();
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("camera", camera)
                    .queryParam("from", day.toString()).queryParam("to", day.plus(Duration.ofDays(1)).toString())
                    .queryParam("limit", 3);
            if (next != null) {
                request.queryParam("after", next);
            }
            JsonPath page = request.when().get("/events").then().statusCode(200)
                    .body("items[0]", not(hasKey("plate"))).body("items[0]", not(hasKey("plateHash")))
                    .body("items[0]", not(hasKey("snapshotRef")))
                    .body("items.camera", not(hasItem(other)))
                    .extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            expected.add(ids.get(i).toString());
        }
        assertThat(seen).as("the day's seven events, newest first, each once").isEqualTo(expected);

        given().auth().oauth2(token).queryParam("camera", camera).queryParam("type", "PLATE")
                .when().get("/events").then().statusCode(200)
                .body("items.id", contains(ids.get(3).toString())).body("items[0].type", equalTo("PLATE"))
                .body("next", nullValue());
        given().auth().oauth2(TestStack.token(Roles.DISPATCHER)).queryParam("zone", zone)
                .queryParam("from", day.toString()).queryParam("to", day.plus(Duration.ofDays(1)).toString())
                .when().get("/events").then().statusCode(200).body("items.size()", equalTo(8));
    }

    @Test
    void badParametersAreProblemsNamingTheParameterAndResidentsAreRefused() {
        String token = Fixtures.operator();
        given().auth().oauth2(token).queryParam("type", "UFO").when().get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("type"));
        given().auth().oauth2(token).queryParam("from", "yesterday").when().get("/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(token).queryParam("after", "not-a-cursor").when().get("/events").then()
                .statusCode(400).body("errors[0].field", equalTo("after"));
        given().auth().oauth2(token).queryParam("limit", 501).when().get("/events").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .when().get("/events").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT)).when().get("/events").then().statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/events").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json").body("{\"grant\":\"x\"")
                .when().post("/events/plate-lookups").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
