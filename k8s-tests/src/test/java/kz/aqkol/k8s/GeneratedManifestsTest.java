package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/base holds copies of what quarkus-kubernetes generates (k8s/sync-generated), because kustomize reads committed
 * files. These tests fail when a copy no longer matches the build, and when the native images' tags fall behind the
 * modules' version. In the full build the services and the portal are packaged before this module, so their output
 * is fresh.
 */
class GeneratedManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"camera-service", "metering-service", "billing-service", "alert-service", "portal"})
    void baseHoldsWhatTheBuildGenerates(String service) throws IOException {
        Path generated = Renders.repository().resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assumeTrue(Files.exists(generated), service + " is not packaged in this build, so there is nothing to compare");

        assertThat(documents(Renders.repository().resolve("k8s/base").resolve(service).resolve("kubernetes.yml")))
                .as("k8s/base/%s/kubernetes.yml is stale: run k8s/sync-generated and commit the result", service)
                .isEqualTo(documents(generated));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"camera-service", "metering-service", "billing-service", "alert-service", "portal"})
    void nativeImagesCarryTheServicesVersion(String service) {
        String jvm = image("overlays/dev", service);
        String nativeImage = image("components/native", service);

        assertThat(nativeImage).as("components/native/kustomization.yaml: the tag of %s's native image", service)
                .isEqualTo(jvm + "-native");
    }

    private static String image(String target, String service) {
        return Workload.in(Renders.get().objects(target)).stream()
                .filter(workload -> workload.object().getMetadata().getName().equals(service))
                .map(workload -> workload.pod().getContainers().get(0).getImage())
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode document = (JsonNode) values.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
