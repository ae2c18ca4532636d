package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay, and the base with each component, renders into objects the Kubernetes API would accept. */
class RenderedManifestsTest {

    static Stream<String> targets() {
        return Renders.get().targets().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void rendersOnlyValidKubernetesObjects(String target) {
        ManifestValidator.Result result = Renders.get().result(target);

        assertThat(result.violations()).as(target).isEmpty();
        assertThat(result.objects()).as(target).isNotEmpty();
    }

    @Test
    void findsEveryOverlayAndComponent() {
        assertThat(targets()).contains("overlays/dev", "overlays/prod", "components/native",
                "components/autoscaling", "components/pod-disruption-budgets", "components/network-policies",
                "components/ingress", "components/postgres-cloudnative-pg", "components/broker-emqx", "components/keycloak");
    }
}
