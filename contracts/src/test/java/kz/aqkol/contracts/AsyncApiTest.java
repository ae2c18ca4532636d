package kz.aqkol.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Keeps asyncapi.yaml, the JSON Schemas and the Java records in agreement: every example validates against its
 * schema and parses into its record, and a payload either one refuses, the other refuses too, naming the same field.
 */
class AsyncApiTest {

    private static final Path CONTRACTS = Path.of(System.getProperty("basedir", "."));
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final JsonNode asyncApi = read(CONTRACTS.resolve("asyncapi.yaml"));

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstItsSchemaAndParsesIntoItsRecord() {
        return messages().flatMap(message -> examples(message).map(example -> DynamicTest.dynamicTest(
                message.name + " / " + example.get("name").asString(), () -> {
                    JsonNode payload = example.get("payload");
                    assertThat(message.schema.validate(payload)).as("schema errors").isEmpty();
                    AqkolMessage parsed = Codec.read(JSON.writeValueAsBytes(payload), message.type);
                    assertThat(parsed.id().toString()).isEqualTo(payload.get("id").asString());
                })));
    }

    @TestFactory
    Stream<DynamicTest> schemaAndRecordBothRefuseAMissingRequiredField() {
        return messages().flatMap(message -> stream(message.schemaNode.get("required")).map(field ->
                DynamicTest.dynamicTest(message.name + " without " + field, () -> {
                    ObjectNode payload = firstExample(message);
                    payload.remove(field);
                    assertBothRefuse(message, payload, field);
                })));
    }

    @TestFactory
    Stream<DynamicTest> schemaAndRecordBothAcceptAnOptionalFieldLeftOut() {
        return messages().flatMap(message -> {
            Set<String> required = stream(stream(message.schemaNode.get("required")));
            return message.schemaNode.get("properties").propertyNames().stream()
                    .filter(field -> !required.contains(field))
                    .map(field -> DynamicTest.dynamicTest(message.name + " without " + field, () -> {
                        ObjectNode payload = firstExample(message);
                        payload.remove(field);
                        assertThat(message.schema.validate(payload)).as("schema errors").isEmpty();
                        Codec.read(JSON.writeValueAsBytes(payload), message.type);
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> schemaAndRecordBothRefuseAValueOutsideAnEnum() {
        return messages().flatMap(message -> message.schemaNode.get("properties").properties().stream()
                .filter(property -> property.getValue().has("enum"))
                .map(property -> DynamicTest.dynamicTest(message.name + " with a wrong " + property.getKey(), () -> {
                    ObjectNode payload = firstExample(message);
                    payload.put(property.getKey(), "NOT_A_VALUE");
                    assertBothRefuse(message, payload, property.getKey());
                })));
    }

    /**
     * The one deliberate disagreement: a producer must send a well-formed traceparent (the schema says so), but a
     * consumer that gets a malformed one ignores it and takes the message, since tracing must never cost data.
     */
    @TestFactory
    Stream<DynamicTest> aMalformedTraceparentBreaksTheSchemaButNotTheMessage() {
        return messages().map(message -> DynamicTest.dynamicTest(message.name + " with a bad traceparent", () -> {
            ObjectNode payload = firstExample(message);
            payload.put(TraceContext.TRACEPARENT, "00-not-a-trace-01");
            assertThat(message.schema.validate(payload)).as("schema errors").isNotEmpty();
            byte[] json = JSON.writeValueAsBytes(payload);
            assertThat(Codec.read(json, message.type).id().toString()).isEqualTo(payload.get("id").asString());
            assertThat(Codec.trace(json)).isNull();
        }));
    }

    @Test
    void everyChannelIsATopicOfTheContractsAndEverySchemaIsDocumented() throws Exception {
        Set<String> documented = stream(asyncApi.get("channels").properties().stream()
                .map(channel -> channel.getValue().get("address").asString().replaceAll("\\{[^}]+}", "+")));
        Set<String> declared = new java.util.HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("ROOT")) {
                declared.add((String) field.get(null));
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);

        Set<String> referenced = messages().map(m -> m.schemaFile.getFileName().toString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(CONTRACTS.resolve("src/main/resources/schemas"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(referenced);
        }
    }

    private static void assertBothRefuse(Message message, ObjectNode payload, String field) {
        List<Error> errors = message.schema.validate(payload);
        assertThat(errors).as("schema errors").isNotEmpty();
        assertThat(errors.stream().map(AsyncApiTest::fieldOf)).contains(field);
        assertThatThrownBy(() -> Codec.read(JSON.writeValueAsBytes(payload), message.type))
                .isInstanceOfSatisfying(ContractViolation.class, v -> assertThat(v.field()).isEqualTo(field));
    }

    private static String fieldOf(Error error) {
        if ("required".equals(error.getKeyword())) {
            return error.getProperty();
        }
        var location = error.getInstanceLocation();
        return location.getNameCount() == 0 ? null : String.valueOf(location.getElement(location.getNameCount() - 1));
    }

    private record Message(String name, Class<? extends AqkolMessage> type, Path schemaFile, JsonNode schemaNode,
                           Schema schema, JsonNode definition) {
    }

    private Stream<Message> messages() {
        return asyncApi.get("components").get("messages").properties().stream().map(entry -> {
            String ref = entry.getValue().get("payload").get("schema").get("$ref").asString();
            Path schemaFile = CONTRACTS.resolve(ref).normalize();
            JsonNode schemaNode = read(schemaFile);
            return new Message(entry.getKey(), recordClass(entry.getKey()), schemaFile, schemaNode,
                    SCHEMAS.getSchema(schemaNode), entry.getValue());
        });
    }

    private static Stream<JsonNode> examples(Message message) {
        JsonNode examples = message.definition.get("examples");
        assertThat(examples).as(message.name + " has examples").isNotNull();
        List<JsonNode> list = new ArrayList<>();
        examples.forEach(list::add);
        return list.stream();
    }

    private static ObjectNode firstExample(Message message) {
        return (ObjectNode) examples(message).findFirst().orElseThrow().get("payload").deepCopy();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends AqkolMessage> recordClass(String name) {
        try {
            return (Class<? extends AqkolMessage>) Class.forName(Topics.class.getPackageName() + "." + name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("asyncapi.yaml documents " + name + " but contracts has no such record", e);
        }
    }

    private static Stream<String> stream(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values.stream();
    }

    private static Set<String> stream(Stream<String> values) {
        return values.collect(Collectors.toSet());
    }

    private static JsonNode read(Path file) {
        try {
            String text = Files.readString(file);
            return file.toString().endsWith(".yaml") ? new YAMLMapper().readTree(text) : JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
