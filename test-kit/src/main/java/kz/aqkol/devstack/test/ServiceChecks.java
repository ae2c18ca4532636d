package kz.aqkol.devstack.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;

/**
 * The checks every service must pass, written once: ready with its database and broker, metrics and OpenAPI
 * served, protected endpoints refusing without a token and with the wrong role (as problem+json), and malformed
 * MQTT input dead-lettered with a reason while the service stays ready.
 */
public final class ServiceChecks {

    private static final String PURPOSE = "X-Purpose";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceChecks() {
    }

    /** Readiness is UP, with the database and the MQTT intake subscribed on every one of the given channels. */
    public static void readyWithDatabaseAndBroker(String... channels) {
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        assertThat(checks).anySatisfy(check -> {
            assertThat((String) check.get("name")).containsIgnoringCase("PostgreSQL");
            assertThat(check.get("status")).isEqualTo("UP");
        });
        assertThat(checks).anySatisfy(check -> {
            assertThat((String) check.get("name")).isEqualTo("MQTT intake");
            assertThat(check.get("status")).isEqualTo("UP");
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) check.get("data");
            for (String channel : channels) {
                assertThat(data).containsEntry(channel, "SUBSCRIBED");
            }
        });
    }

    /** Prometheus metrics at /q/metrics (with the service tag) and the OpenAPI document at /q/openapi. */
    public static void servesMetricsAndOpenApi(String service) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("service=\"" + service + "\"").contains("jvm_memory_used_bytes");
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."))
                .body("info.title", equalTo(service));
    }

    /**
     * A GET on {@code path} answers 401 without a token, with an expired one, a forged one and one for another
     * service (audience), 403 with a token of {@code wrongRole}, and 200 with {@code rightRole} — every refusal as
     * problem+json. Staff state a purpose, as they must for reads of personal data.
     */
    public static void guarded(String path, String rightRole, String wrongRole) {
        refused(given(), path, 401, "urn:aqkol:problem:unauthenticated");
        refused(given().auth().oauth2(TestStack.expiredToken(rightRole)), path, 401,
                "urn:aqkol:problem:unauthenticated");
        String token = TestStack.token(rightRole);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ";
        refused(given().auth().oauth2(forged), path, 401, "urn:aqkol:problem:unauthenticated");
        refused(given().auth().oauth2(TestStack.tokenFor("another-service", rightRole, "elsewhere")), path, 401,
                "urn:aqkol:problem:unauthenticated");
        refused(given().auth().oauth2(TestStack.token(wrongRole)), path, 403, "urn:aqkol:problem:forbidden");
        given().auth().oauth2(token).header(PURPOSE, "AUDIT; service check").when().get(path).then().statusCode(200);
    }

    private static void refused(io.restassured.specification.RequestSpecification request, String path, int status,
                                String type) {
        request.header(PURPOSE, "AUDIT; service check").when().get(path).then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type))
                .body("status", equalTo(status));
    }

    /**
     * Publishes {@code payload} on {@code topic} and waits for the dead letter on {@code aqkol/v1/dlq/<service>}:
     * it must name the topic and carry a reason containing {@code reasonPart}. Returns the dead letter.
     */
    public static JsonNode deadLettered(String service, String topic, String payload, String reasonPart) {
        try (MqttTestClient client = TestStack.mqtt()) {
            client.subscribe(Topics.deadLetters(service));
            client.publish(topic, payload);
            MqttTestClient.Received letter = client.await(message -> {
                JsonNode node = parse(message.text());
                return topic.equals(node.path("topic").asText()) && payload.equals(node.path("payload").asText());
            }, Duration.ofSeconds(30));
            JsonNode node = parse(letter.text());
            assertThat(node.path("service").asText()).isEqualTo(service);
            assertThat(node.path("reason").asText()).contains(reasonPart);
            return node;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a dead letter that is not JSON: " + text, e);
        }
    }

    /**
     * /q/metrics passes Prometheus' strict parser ({@link Promtool}) in the text format, in OpenMetrics when asked
     * for and when nothing is asked for (Quarkus then answers OpenMetrics), and carries every metric the table in
     * docs/operations.md says this service exposes from its start, and no aqkol_ metric the table does not list
     * for it. One request first, so the HTTP server meters exist as they do in any service that has served one.
     */
    public static void metricsParseStrictlyAndMatchTheCatalogue(String service) {
        given().when().get("/metrics-check").then().statusCode(greaterThanOrEqualTo(400));
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4")).extract().asString();
        String openMetrics = given().accept("application/openmetrics-text").when().get("/q/metrics").then()
                .statusCode(200).contentType(startsWith("application/openmetrics-text; version=1.0.0"))
                .extract().asString();
        assertThat(openMetrics).endsWith("# EOF\n");
        // what curl and the simplest scrapers get: no Accept, so OpenMetrics, read by a text-format parser
        String unasked = given().header("Accept", "*/*").when().get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text")).extract().asString();
        for (String page : List.of(text, openMetrics, unasked)) {
            Promtool.Verdict verdict = Promtool.checkMetrics(page);
            assertThat(verdict.parsed()).as("promtool check metrics parses the page:%n%s", verdict.output()).isTrue();
        }
        // the linter reads the text format (OpenMetrics' counter families look unnamed to it); its style findings
        // on the libraries' meters (netty, the PostgreSQL client) are theirs, none may be on ours
        assertThat(Promtool.checkMetrics(text).lintFindingsOn("aqkol_")).as("promtool's findings on our metrics")
                .isEmpty();
        Set<String> families = text.lines().filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2]).collect(Collectors.toSet());
        MetricCatalogue catalogue = MetricCatalogue.documented();
        assertThat(families).as("the metrics docs/operations.md documents for " + service)
                .containsAll(catalogue.metrics().stream()
                        .filter(metric -> metric.exposedFromStartBy(service)).map(MetricCatalogue.Metric::name)
                        .toList());
        // and the other way: every metric of ours the service exposes is a row naming it (or every service)
        assertThat(families.stream().filter(family -> family.startsWith("aqkol_"))
                .filter(family -> !catalogue.documentsFamilyOf(family, service)).sorted().toList())
                .as("aqkol_ metrics %s exposes that docs/operations.md does not document for it", service).isEmpty();
    }
}
