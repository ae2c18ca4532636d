package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.devstack.test.NgsiLdChecks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Cameras in public zones as NGSI-LD Device entities, and nothing of the rest. */
@QuarkusTest
class OpenDataIT {

    private static final String SCHEMA = "ngsi-ld/Device.schema.json";

    @Test
    void aCameraInAPublicZoneIsPublishedAsAValidDeviceAndOneElsewhereIsNot() {
        String publicCamera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String residential = Fixtures.camera(Fixtures.zone("RESIDENTIAL"));
        String restricted = Fixtures.camera(Fixtures.zone("RESTRICTED"));
        String plate = "777" + UUID.randomUUID().toString().substring(0, 3).toUpperCase() + "02";
        Fixtures.stored(Fixtures.publish(publicCamera, Instant.now(), "PLATE", plate));
        String ids = "urn:ngsi-ld:Device:" + publicCamera + ",urn:ngsi-ld:Device:" + residential
                + ",urn:ngsi-ld:Device:" + restricted;

        String keyValues = given().when().get(NgsiLdChecks.ENTITIES + "?type=Device&options=keyValues&id=" + ids)
                .then().statusCode(200).extract().asString();
        List<JsonNode> entities = NgsiLdChecks.assertValidKeyValues(SCHEMA, keyValues);
        assertThat(entities).extracting(e -> e.get("id").asString())
                .containsExactly("urn:ngsi-ld:Device:" + publicCamera);
        JsonNode camera = entities.get(0);
        assertThat(camera.get("location").get("type").asString()).isEqualTo("Point");
        assertThat(camera.get("location").get("coordinates").get(0).asDouble()).isEqualTo(70.94);
        assertThat(camera.get("location").get("coordinates").get(1).asDouble()).isEqualTo(51.99);
        assertThat(camera.get("deviceState").asString()).isEqualTo("UNKNOWN");

        String normalized = given().when().get(NgsiLdChecks.ENTITIES + "?type=Device&id=" + ids)
                .then().statusCode(200).extract().asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, normalized);
        String single = given().when().get(NgsiLdChecks.ENTITIES + "/urn:ngsi-ld:Device:" + publicCamera)
                .then().statusCode(200).extract().asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, single);
        given().when().get(NgsiLdChecks.ENTITIES + "/urn:ngsi-ld:Device:" + residential).then().statusCode(404);
        given().when().get(NgsiLdChecks.ENTITIES + "/urn:ngsi-ld:Device:" + restricted).then().statusCode(404);

        // the stream, the camera's and its zone's names and the plate it read are in none of the answers
        for (String body : List.of(keyValues, normalized, single)) {
            assertThat(body).doesNotContain("rtsp://", "Camera " + publicCamera, "Zone ", plate, residential,
                    restricted);
        }
    }

    @Test
    void everyPublicCameraIsListedPageByPage() {
        String zone = Fixtures.zone("PUBLIC");
        Fixtures.camera(zone);
        Fixtures.camera(zone);
        var first = given().when().get(NgsiLdChecks.ENTITIES + "?type=Device&limit=1");
        first.then().statusCode(200);
        assertThat(NgsiLdChecks.entities(first.asString())).hasSize(1);
        String next = first.headers().getValues("Link").stream().filter(l -> l.contains("rel=\"next\""))
                .findFirst().orElseThrow();
        String path = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        assertThat(path).contains("offset=1").contains("limit=1");
        String second = given().urlEncodingEnabled(false).when().get(path).then().statusCode(200).extract()
                .asString();
        assertThat(NgsiLdChecks.entities(second).get(0).get("id"))
                .isNotEqualTo(NgsiLdChecks.entities(first.asString()).get(0).get("id"));
        NgsiLdChecks.assertValidNormalized(SCHEMA,
                given().when().get(NgsiLdChecks.ENTITIES + "?limit=1000").then().statusCode(200).extract()
                        .asString());
    }

    @Test
    void theEndpointIsPublicReadOnlyAndAnswersInNgsiLdTerms() {
        Fixtures.camera(Fixtures.zone("PUBLIC"));
        NgsiLdChecks.assertPublicReadOnlyAndStrict("Device");
        NgsiLdChecks.assertContextNegotiated("type=Device&limit=5");
    }
}
