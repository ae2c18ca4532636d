package kz.aqkol.alert.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alertmanager's own v2 OpenAPI (Swagger 2) document, read from the Go source Debian's
 * {@code golang-github-prometheus-alertmanager-dev} installs ({@code restapi/embedded_spec.go} holds it as a Go raw
 * string), and a small checker of answers against it: the status must be one the operation defines, and the body
 * must fit that status's schema (types, required fields, enums, date-times, nested definitions). The path of the
 * file can be given in {@code AQKOL_ALERTMANAGER_SPEC}; when the file is missing the tests fail, saying what to
 * install ({@code .ci/run} installs it).
 */
final class AlertmanagerSpec {

    static final String DEFAULT = "/usr/share/gocode/src/github.com/prometheus/alertmanager/api/v2/restapi/"
            + "embedded_spec.go";
    private static final String START = "SwaggerJSON = json.RawMessage([]byte(`";

    private final JsonNode spec;

    private AlertmanagerSpec(JsonNode spec) {
        this.spec = spec;
    }

    static AlertmanagerSpec load() {
        String configured = System.getenv("AQKOL_ALERTMANAGER_SPEC");
        Path file = Path.of(configured == null || configured.isBlank() ? DEFAULT : configured);
        // skipped on a machine without it, unless required (.ci/run installs and requires it)
        assumeTrue(Files.isRegularFile(file) || System.getenv("AQKOL_REQUIRE_TOOLS") != null,
                "Alertmanager's OpenAPI document is not installed (golang-github-prometheus-alertmanager-dev)");
        assertThat(file).as("Alertmanager's OpenAPI document: install Debian's "
                + "golang-github-prometheus-alertmanager-dev (.ci/run does) or set AQKOL_ALERTMANAGER_SPEC to its "
                + "api/v2/restapi/embedded_spec.go").isRegularFile();
        try {
            String go = Files.readString(file);
            int start = go.indexOf(START);
            assertThat(start).as("the SwaggerJSON raw string in " + file).isNotNegative();
            int end = go.indexOf('`', start + START.length());
            return new AlertmanagerSpec(new ObjectMapper().readTree(go.substring(start + START.length(), end)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statuses the operation defines, e.g. {@code [200, 400, 500]}. */
    List<Integer> statuses(String method, String path) {
        List<Integer> statuses = new ArrayList<>();
        operation(method, path).path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.valueOf(s)));
        return statuses;
    }

    /** What is wrong with an answer of {@code status} and {@code body} to the operation; empty when it fits. */
    List<String> violations(String method, String path, int status, String body) {
        JsonNode response = resolve(operation(method, path).path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            return List.of(method + " " + path + " defines no status " + status + " (it defines "
                    + statuses(method, path) + ")");
        }
        List<String> errors = new ArrayList<>();
        JsonNode schema = response.path("schema");
        if (schema.isMissingNode()) {
            return errors;
        }
        try {
            check(schema, new ObjectMapper().readTree(body), "body", errors);
        } catch (IOException e) {
            errors.add("body is not JSON: " + body);
        }
        return errors;
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = spec.path("paths").path(path).path(method.toLowerCase());
        assertThat(operation.isMissingNode()).as("Alertmanager's API has " + method + " " + path).isFalse();
        return operation;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String[] parts = current.get("$ref").asText().substring(2).split("/");
            current = spec.path(parts[0]).path(parts[1]);
        }
        return current;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String where, List<String> errors) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(part -> check(part, value, where, errors));
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(schema, value, where, errors);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(where + " should be an array: " + value);
                    return;
                }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    errors.add(where + " should have at least " + schema.get("minItems") + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), where + "[" + i + "]", errors);
                }
            }
            case "string" -> string(schema, value, where, errors);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(where + " should be a boolean: " + value);
                }
            }
            default -> {
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (!value.isObject()) {
            errors.add(where + " should be an object: " + value);
            return;
        }
        schema.path("required").forEach(name -> {
            if (!value.has(name.asText()) || value.get(name.asText()).isNull()) {
                errors.add(where + "." + name.asText() + " is required");
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = schema.path("properties").path(field.getKey());
            if (!property.isMissingNode()) {
                check(property, field.getValue(), where + "." + field.getKey(), errors);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), field.getValue(), where + "." + field.getKey(), errors);
            }
        }
    }

    private static void string(JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(where + " should be a string: " + value);
            return;
        }
        String text = value.asText();
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                errors.add(where + " should be one of " + allowed + ": " + text);
            }
        }
        try {
            switch (schema.path("format").asText("")) {
                case "date-time" -> OffsetDateTime.parse(text);
                case "uuid" -> UUID.fromString(text);
                default -> {
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            errors.add(where + " should be a " + schema.get("format").asText() + ": " + text);
        }
    }
}
