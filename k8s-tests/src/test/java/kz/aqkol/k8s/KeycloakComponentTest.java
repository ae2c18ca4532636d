package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Production's Keycloak and the services agree: the realm Keycloak imports is the file KeycloakRealmIT proves, run by
 * the Keycloak version it proves it with, and the services accept exactly the tokens it issues (issuer = its public
 * name and realm) and verify them with its keys.
 */
class KeycloakComponentTest {

    private static final String PROD = "overlays/prod";
    private final List<HasMetadata> objects = Renders.get().objects(PROD);

    @Test
    void productionRunsTheKeycloakTheRealmIsTestedWith() {
        assertThat(keycloak().getImage()).isEqualTo("keycloak/keycloak:" + System.getProperty("aqkol.keycloak.version"));
        for (Container init : Workload.in(objects).stream()
                .filter(workload -> workload.object().getMetadata().getName().equals("keycloak"))
                .flatMap(workload -> workload.pod().getInitContainers().stream()).toList()) {
            assertThat(init.getImage()).isEqualTo(keycloak().getImage());
        }
    }

    @Test
    void keycloakImportsTheRealmFileOfTheComponent() throws IOException {
        ConfigMap realm = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().startsWith("keycloak-realm")).findFirst().orElseThrow();
        assertThat(realm.getData().get("aqkol-realm.json")).isEqualTo(Files.readString(
                Renders.repository().resolve("k8s/components/keycloak/aqkol-realm.json")));
    }

    @Test
    void theServicesTrustKeycloaksIssuerAndFetchItsKeys() {
        String issuer = env(keycloak()).get("KC_HOSTNAME") + "/realms/" + KeycloakServer.REALM;
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().startsWith("aqkol-config")).findFirst().orElseThrow();
        assertThat(config.getData()).containsEntry("MP_JWT_VERIFY_ISSUER", issuer)
                .containsEntry("AQKOL_IDENTITY_URL", issuer);
        List<Workload> services = Workload.servicesIn(objects);
        assertThat(services).hasSize(4).allSatisfy(service -> assertThat(env(service.pod().getContainers().get(0)))
                .as(service.name())
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        "http://keycloak:8080/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/certs"));
    }

    private Container keycloak() {
        return Workload.in(objects).stream()
                .filter(workload -> workload.object().getMetadata().getName().equals("keycloak"))
                .map(workload -> workload.pod().getContainers().get(0)).findFirst().orElseThrow();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
