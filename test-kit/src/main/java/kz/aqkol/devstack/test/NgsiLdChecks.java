package kz.aqkol.devstack.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks for the services' NGSI-LD open data: entities validate against a Smart Data Models JSON Schema (written out
 * in the service's test resources, naming where it was transcribed from), carry no attribute the model does not
 * declare, and read the same in the normalized and the simplified representation.
 */
public final class NgsiLdChecks {

    public static final String ENTITIES = "/ngsi-ld/v1/entities";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    private NgsiLdChecks() {
    }

    /** Parses a body: one entity or an array of them. */
    public static List<JsonNode> entities(String body) {
        JsonNode node = JSON.readTree(body);
        List<JsonNode> entities = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(entities::add);
        } else {
            entities.add(node);
        }
        return entities;
    }

    /**
     * Every entity of a simplified (key-values) body validates against the schema on the classpath at
     * {@code schemaResource} and uses only attributes the schema declares; returns the entities.
     */
    public static List<JsonNode> assertValidKeyValues(String schemaResource, String body) {
        JsonNode schemaNode = read(schemaResource);
        Schema schema = SCHEMAS.getSchema(schemaNode);
        Set<String> declared = new LinkedHashSet<>(schemaNode.get("properties").propertyNames());
        List<JsonNode> entities = entities(body);
        for (JsonNode entity : entities) {
            ObjectNode plain = ((ObjectNode) entity).deepCopy();
            plain.remove("@context");
            List<Error> errors = schema.validate(plain);
            assertThat(errors).as("%s against %s", plain, schemaResource).isEmpty();
            assertThat(declared).as("attributes of %s declared by %s", plain.get("id"), schemaResource)
                    .containsAll(plain.propertyNames());
        }
        return entities;
    }

    /**
     * Every entity of a normalized body is well-formed NGSI-LD (each attribute a Property, GeoProperty or
     * Relationship) and, turned into its simplified form, validates against the schema.
     */
    public static List<JsonNode> assertValidNormalized(String schemaResource, String body) {
        List<JsonNode> simplified = new ArrayList<>();
        for (JsonNode entity : entities(body)) {
            simplified.add(keyValues(entity));
        }
        assertValidKeyValues(schemaResource, JSON.writeValueAsString(simplified));
        return simplified;
    }

    /** The simplified form of a normalized entity, as the spec defines it (the value, or a relationship's object). */
    public static ObjectNode keyValues(JsonNode normalized) {
        ObjectNode out = JSON.createObjectNode();
        for (String name : normalized.propertyNames()) {
            JsonNode attribute = normalized.get(name);
            if (name.equals("id") || name.equals("type") || name.equals("@context")) {
                out.set(name, attribute);
                continue;
            }
            assertThat(attribute.isObject()).as("attribute %s is an object", name).isTrue();
            String kind = attribute.get("type").asString();
            switch (kind) {
                case "Property", "GeoProperty" -> out.set(name, attribute.required("value"));
                case "Relationship" -> out.set(name, attribute.required("object"));
                default -> throw new AssertionError("attribute " + name + " has type " + kind);
            }
        }
        return out;
    }

    /**
     * What every open-data endpoint must do, whatever it publishes: answer without a token, refuse writes (405 with
     * an NGSI-LD error), answer bad parameters with BadRequestData (400) and query features it lacks with
     * OperationNotSupported (422), an unknown id with ResourceNotFound (404), an unacceptable Accept with 406.
     */
    public static void assertPublicReadOnlyAndStrict(String type) {
        given().when().get(ENTITIES + "?type=" + type).then().statusCode(200);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of(ENTITIES, ENTITIES + "/urn:ngsi-ld:" + type + ":x")) {
                assertError(given().contentType("application/ld+json").body("{\"id\":\"urn:ngsi-ld:" + type
                        + ":x\",\"type\":\"" + type + "\"}").request(method, path), 405, "OperationNotSupported");
            }
        }
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "offset=-1", "id=not%20a%20uri",
                "type=no%20type", "options=bogus", "format=bogus", "limit=1&limit=2", "type=" + type + ",")) {
            assertError(given().when().get(ENTITIES + "?" + query), 400, "BadRequestData");
        }
        for (String query : List.of("q=a==1", "georel=near;maxDistance==10&geometry=Point&coordinates=[1,2]",
                "attrs=name", "count=true")) {
            assertError(given().when().get(ENTITIES + "?type=" + type + "&" + query), 422, "OperationNotSupported");
        }
        assertError(given().when().get(ENTITIES + "/urn:ngsi-ld:" + type + ":does-not-exist"), 404,
                "ResourceNotFound");
        assertError(given().when().get(ENTITIES + "/not-a-uri"), 400, "BadRequestData");
        assertError(given().accept("text/html").when().get(ENTITIES + "?type=" + type), 406, "InvalidRequest");
    }

    /** The body of a query in both media types: application/ld+json carries the @context, application/json a Link. */
    public static void assertContextNegotiated(String query) {
        Response ld = given().accept("application/ld+json").when().get(ENTITIES + "?" + query);
        assertThat(ld.statusCode()).isEqualTo(200);
        assertThat(ld.contentType()).startsWith("application/ld+json");
        List<JsonNode> entities = entities(ld.asString());
        assertThat(entities).isNotEmpty();
        for (JsonNode entity : entities) {
            assertThat(entity.get("@context").toString())
                    .contains("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld");
        }
        Response plain = given().accept("application/json").when().get(ENTITIES + "?" + query);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.contentType()).startsWith("application/json");
        assertThat(plain.headers().getValues("Link"))
                .anyMatch(link -> link.contains("rel=\"http://www.w3.org/ns/json-ld#context\""));
        assertThat(plain.asString()).doesNotContain("@context");
    }

    private static void assertError(Response response, int status, String type) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.path("type").asString()).isEqualTo("https://uri.etsi.org/ngsi-ld/errors/" + type);
        assertThat(body.path("title").asString()).isNotBlank();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no schema " + resource + " on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }
}
