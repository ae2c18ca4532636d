package kz.aqkol.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The services' committed OpenAPI documents ({@code docs/openapi/<service>.yaml}, each checked against the running
 * service by its OpenApiIT), read as the operations each service answers: service name to "GET /cameras/{id}", ...
 */
final class ApiDocuments {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ApiDocuments() {
    }

    /** The repository's documents. */
    static SortedMap<String, SortedSet<Operation>> committed() {
        return read(Renders.repository().resolve("docs/openapi"));
    }

    /** One document per service in {@code directory}, named after the service. */
    static SortedMap<String, SortedSet<Operation>> read(Path directory) {
        SortedMap<String, SortedSet<Operation>> services = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                String service = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                services.put(service, operations(YAML.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (services.isEmpty()) {
            throw new AssertionError("no OpenAPI documents in " + directory);
        }
        return services;
    }

    private static SortedSet<Operation> operations(JsonNode document) {
        SortedSet<Operation> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey()));
                    }
                }));
        return operations;
    }

    /** One operation: its method and its path as the document writes it ({@code /cameras/{id}}). */
    record Operation(String method, String path) implements Comparable<Operation> {

        /** The path's segments, without empty ones: "/" has none. */
        List<String> segments() {
            return segments(path);
        }

        static List<String> segments(String path) {
            return Stream.of(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
        }

        static boolean isTemplate(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        @Override
        public int compareTo(Operation other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The services' documents as first path segments: what the derived ingress routes per service. */
    static Map<String, SortedSet<String>> firstSegments(Map<String, SortedSet<Operation>> services) {
        Map<String, SortedSet<String>> firsts = new TreeMap<>();
        services.forEach((service, operations) -> firsts.put(service, new TreeSet<>(operations.stream()
                .map(operation -> operation.segments().isEmpty() ? "" : operation.segments().get(0)).toList())));
        return firsts;
    }
}
