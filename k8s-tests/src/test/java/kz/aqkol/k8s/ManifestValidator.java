package kz.aqkol.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Kubernetes objects the way the API server would accept them: each object's kind must have an API type in
 * fabric8's model of the Kubernetes API, each field must exist in that type with a value of the field's type, and
 * the fields the API requires must be present ({@link RequiredFields}). Custom resources pass only for the kinds
 * named when the validator is made, with apiVersion, kind and name checked: their schemas come with CRDs that
 * these tests do not have.
 */
final class ManifestValidator {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final ObjectMapper strict = StrictMapper.create();
    private final RequiredFields required = new RequiredFields(strict);
    private final Set<String> customKinds;

    /** @param customKinds custom resources to let through, as "group/Kind" (e.g. "postgresql.cnpg.io/Cluster") */
    ManifestValidator(Set<String> customKinds) {
        this.customKinds = customKinds;
    }

    record Result(List<HasMetadata> objects, List<String> violations) {
    }

    Result validate(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (JsonNode document : documents(yaml)) {
            String object = document.path("kind").asText("?") + " "
                    + document.path("metadata").path("name").asText("?");
            try {
                KubernetesResource resource = strict.treeToValue(document, KubernetesResource.class);
                if (resource instanceof GenericKubernetesResource custom) {
                    String kind = group(custom.getApiVersion()) + "/" + custom.getKind();
                    if (!customKinds.contains(kind) || custom.getMetadata() == null
                            || custom.getMetadata().getName() == null) {
                        violations.add(object + ": no Kubernetes API type for " + kind);
                        continue;
                    }
                    objects.add(custom);
                    continue;
                }
                required.missing(document, resource.getClass())
                        .forEach(path -> violations.add(object + ": required field " + path + " is missing"));
                if (resource instanceof HasMetadata named && named.getMetadata() != null
                        && named.getMetadata().getName() != null) {
                    objects.add(named);
                } else {
                    violations.add(object + ": metadata.name is missing");
                }
            } catch (JsonProcessingException e) {
                violations.add(object + ": " + e.getOriginalMessage().lines().findFirst().orElse("") + " at "
                        + path(e));
            }
        }
        return new Result(objects, violations);
    }

    private static List<JsonNode> documents(String yaml) {
        try (var documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                if (document != null && !document.isEmpty()) {
                    all.add(document);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML", e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "?";
        }
        return mapping.getPath().stream()
                .map(step -> step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String group(String apiVersion) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
