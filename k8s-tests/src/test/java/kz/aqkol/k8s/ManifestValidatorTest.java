package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validator fails where the API server would: the proof that a green RenderedManifestsTest means something. */
class ManifestValidatorTest {

    private final ManifestValidator validator = new ManifestValidator(Set.of("postgresql.cnpg.io/Cluster"));

    @Test
    void acceptsAWellFormedWorkload() {
        ManifestValidator.Result result = validator.validate(fixture("valid.yaml"));

        assertThat(result.violations()).isEmpty();
        assertThat(result.objects()).extracting(object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactly("StatefulSet/example", "Service/example", "Cluster/example-postgres");
    }

    @Test
    void rejectsAFieldTheTypeDoesNotHave() {
        assertThat(validator.validate(fixture("broken/unknown-field.yaml")).violations())
                .singleElement().asString()
                .contains("StatefulSet example", "initialDelay",
                        "spec.template.spec.containers[0].readinessProbe.initialDelay");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThat(validator.validate(fixture("broken/wrong-type.yaml")).violations())
                .singleElement().asString()
                .contains("StatefulSet example", "spec.template.spec.securityContext.runAsNonRoot");
    }

    @Test
    void rejectsANumberWhereTheApiWantsAString() {
        assertThat(validator.validate(fixture("broken/number-for-string.yaml")).violations())
                .singleElement().asString()
                .contains("StatefulSet example", "spec.template.spec.containers[0].env[0].value");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThat(validator.validate(fixture("broken/missing-required.yaml")).violations())
                .containsExactlyInAnyOrder("StatefulSet example: required field spec.selector is missing",
                        "StatefulSet example: required field spec.template.spec.containers[0].name is missing");
    }

    @Test
    void rejectsAKindWithoutAnApiType() {
        assertThat(validator.validate(fixture("broken/unknown-kind.yaml")).violations())
                .containsExactly("Widget example: no Kubernetes API type for example.com/Widget");
    }

    private static String fixture(String name) {
        try (InputStream in = ManifestValidatorTest.class.getResourceAsStream("/manifests/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
