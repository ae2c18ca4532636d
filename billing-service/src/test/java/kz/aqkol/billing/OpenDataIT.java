package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kz.aqkol.devstack.test.NgsiLdChecks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tariffs as NGSI-LD Cost entities: every version's standing charge and blocks, and nothing about anyone. */
@QuarkusTest
class OpenDataIT {

    private static final String SCHEMA = "ngsi-ld/Cost.schema.json";

    @Test
    void everyTariffVersionIsPublishedAsValidCostsAndNoAccountAppears() {
        String holder = Billing.unique("Aigerim Nurlanovna");
        String address = Billing.unique("Zheltoksan st. 17");
        String account = Billing.unique("AQ");
        given().auth().oauth2(Billing.operator()).contentType("application/json")
                .body("{\"number\":\"" + account + "\",\"holder\":\"" + holder + "\",\"address\":\"" + address
                        + "\",\"zone\":\"north\",\"socialCategory\":\"PENSIONER\",\"meters\":[]}")
                .when().post("/accounts").then().statusCode(201);
        var tariff = Billing.tariff("ELECTRICITY", "2031-01-01", 45_000,
                "[{\"upTo\":100,\"priceTiyn\":2150},{\"priceTiyn\":3075}]", "{\"PENSIONER\":25}");
        int version = tariff.getInt("version");
        String prefix = "urn:ngsi-ld:Cost:tariff:electricity:v" + version + ":";

        String ids = prefix + "standing-charge," + prefix + "block-1," + prefix + "block-2";
        String keyValues = given().when().get(NgsiLdChecks.ENTITIES + "?type=Cost&options=keyValues&id=" + ids)
                .then().statusCode(200).extract().asString();
        Map<String, JsonNode> costs = NgsiLdChecks.assertValidKeyValues(SCHEMA, keyValues).stream()
                .collect(Collectors.toMap(c -> c.get("id").asString(), c -> c));
        assertThat(costs).hasSize(3);
        assertThat(costs.get(prefix + "standing-charge").get("value").decimalValue()).isEqualByComparingTo("450");
        assertThat(costs.get(prefix + "block-1").get("value").decimalValue()).isEqualByComparingTo("21.50");
        assertThat(costs.get(prefix + "block-2").get("value").decimalValue()).isEqualByComparingTo("30.75");
        assertThat(costs.get(prefix + "block-1").get("description").asString()).contains("up to 100 M3");
        assertThat(costs.values()).allMatch(c -> c.get("currency").asString().equals("KZT"));
        assertThat(costs.get(prefix + "block-2").get("name").asString()).contains("from 2031-01-01");

        String single = given().when().get(NgsiLdChecks.ENTITIES + "/" + prefix + "block-2").then().statusCode(200)
                .extract().asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, single);
        String all = given().when().get(NgsiLdChecks.ENTITIES + "?limit=1000").then().statusCode(200).extract()
                .asString();
        NgsiLdChecks.assertValidNormalized(SCHEMA, all);
        NgsiLdChecks.assertContextNegotiated("type=Cost&id=" + ids);

        // the resident, and who made the tariff and why, appear nowhere
        String author = tariff.getString("createdBy");
        for (String body : List.of(keyValues, single, all)) {
            assertThat(body).doesNotContain(holder, address, account, author, "test tariff for");
        }
    }

    @Test
    void theEndpointIsPublicReadOnlyAndAnswersInNgsiLdTerms() {
        NgsiLdChecks.assertPublicReadOnlyAndStrict("Cost");
    }
}
