package kz.aqkol.devstack.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Each service's OpenAPI document is committed as {@code docs/openapi/<service>.yaml}, and the running service must
 * serve exactly that at {@code /q/openapi}: k8s-tests derives the production ingress from these files, so a new
 * endpoint that is not in its service's file would not be reachable. Compared as parsed trees (key order and
 * formatting do not matter); with {@code -Daqkol.openapi.write=true} the served document replaces the committed one,
 * written as YAML with every string quoted.
 */
public final class OpenApiDocument {

    /** The system property that makes the check rewrite the committed document instead of failing. */
    public static final String WRITE = "aqkol.openapi.write";

    /** The command that refreshes every committed document (and the ingress derived from them). */
    public static final String REFRESH = "tools/refresh-api";

    private static final int SHOWN = 10;
    /** Every string quoted, so that any YAML reader reads back exactly the served values; the served key order. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private OpenApiDocument() {
    }

    /** Where {@code service}'s document is committed. */
    public static Path committed(String service) {
        return MetricCatalogue.repositoryRoot().resolve("docs/openapi").resolve(service + ".yaml");
    }

    /**
     * The document the running service serves equals the committed one, or (with {@value #WRITE}) becomes it.
     * Fails naming the first differing places and how to refresh.
     */
    public static void servedMatchesCommitted(String service) {
        // JSON: Quarkus' YAML leaves strings such as 13:45:30 unquoted, which YAML 1.1 reads as a number
        String json = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().asString();
        JsonNode served = read(json);
        Path file = committed(service);
        List<String> differences;
        try {
            differences = Files.isRegularFile(file) ? differences(readYaml(text(file)), served)
                    : List.of("the file does not exist");
        } catch (IOException e) {
            differences = List.of("the file is not a YAML document: " + e.getMessage());
        }
        if (differences.isEmpty()) {
            return;
        }
        if (Boolean.getBoolean(WRITE)) {
            write(file, served);
            return;
        }
        throw new AssertionError(("%s is not what %s serves at /q/openapi; first differences:%n  %s%n"
                + "If the change to the API is meant, refresh the documents and the ingress with %s "
                + "(or run this test with -D%s=true) and commit the result.")
                .formatted(MetricCatalogue.repositoryRoot().relativize(file), service,
                        String.join(System.lineSeparator() + "  ", differences), REFRESH, WRITE));
    }

    /**
     * Where two documents differ, as JSON pointers with what each side has there, at most {@value #SHOWN}, in
     * document order with object keys sorted.
     */
    static List<String> differences(JsonNode committed, JsonNode served) {
        List<String> found = new ArrayList<>();
        compare("", committed, served, found);
        return found;
    }

    private static void compare(String pointer, JsonNode committed, JsonNode served, List<String> found) {
        if (found.size() >= SHOWN || committed.equals(served)) {
            return;
        }
        String at = pointer.isEmpty() ? "/" : pointer;
        if (committed.isObject() && served.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            committed.fieldNames().forEachRemaining(keys::add);
            served.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!committed.has(key)) {
                    add(found, child + ": served, not in the committed document");
                } else if (!served.has(key)) {
                    add(found, child + ": in the committed document, not served");
                } else {
                    compare(child, committed.get(key), served.get(key), found);
                }
            }
        } else if (committed.isArray() && served.isArray()) {
            Iterator<JsonNode> left = committed.elements();
            Iterator<JsonNode> right = served.elements();
            for (int i = 0; left.hasNext() && right.hasNext(); i++) {
                compare(pointer + "/" + i, left.next(), right.next(), found);
            }
            if (committed.size() != served.size()) {
                add(found, at + ": " + committed.size() + " items committed, " + served.size() + " served");
            }
        } else {
            add(found, at + ": committed " + committed + ", served " + served);
        }
    }

    private static void add(List<String> found, String difference) {
        if (found.size() < SHOWN) {
            found.add(difference);
        }
    }

    private static JsonNode read(String json) {
        try {
            return YAML.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("/q/openapi is not a JSON document: " + e.getMessage(), e);
        }
    }

    /** The document as committed: YAML with every string quoted. */
    static String toYaml(JsonNode document) throws IOException {
        return YAML.writeValueAsString(document);
    }

    static JsonNode readYaml(String yaml) throws IOException {
        return YAML.readTree(yaml);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonNode document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toYaml(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
