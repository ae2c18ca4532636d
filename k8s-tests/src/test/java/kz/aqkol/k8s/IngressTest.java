package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import kz.aqkol.k8s.ApiDocuments.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production ingress routes every operation of every service's committed OpenAPI document (residents', staff's,
 * the public transparency report and audit checkpoints, the payment provider's callbacks), on that service's host,
 * and nothing else: nothing under /q/, no rule where no operation is. Service-to-service operations are routed too:
 * every endpoint checks its caller's token (audience and role), and the public ones are public on purpose.
 * <p>
 * With {@code -Daqkol.ingress.write=true} the ingress is first rewritten from the documents (tools/refresh-api).
 */
class IngressTest {

    static final String WRITE = "aqkol.ingress.write";
    private static final String PROD = "overlays/prod";
    private static final String COMPONENT = "k8s/components/ingress/ingress.yaml";
    /** components/keycloak's own Ingress (id.aqkol.example), which routes no service's API. */
    private static final String KEYCLOAK = "keycloak";

    @BeforeAll
    static void rewriteOnRequest() throws IOException {
        if (Boolean.getBoolean(WRITE)) {
            Path file = Renders.repository().resolve(COMPONENT);
            Files.writeString(file, IngressRoutes.derive(ApiDocuments.committed(), hosts(file)));
        }
    }

    @Test
    void productionRoutesEveryOperationOfEveryServiceAndNothingUnderQ() {
        List<Ingress> ingresses = Renders.get().objects(PROD).stream().filter(Ingress.class::isInstance)
                .map(Ingress.class::cast).filter(ingress -> !ingress.getMetadata().getName().equals(KEYCLOAK))
                .toList();
        assertThat(ingresses).as("the production ingress").isNotEmpty();
        assertThat(IngressRoutes.problems(ingresses, ApiDocuments.committed()))
                .as("what %s routes, against docs/openapi/ (after an API change, run tools/refresh-api)", PROD)
                .isEmpty();
        List<Service> services = Renders.get().objects(PROD).stream().filter(Service.class::isInstance)
                .map(Service.class::cast).toList();
        for (String service : ApiDocuments.committed().keySet()) {
            assertThat(services).as("a Service %s with the port the ingress names, http", service)
                    .anyMatch(candidate -> candidate.getMetadata().getName().equals(service)
                            && candidate.getSpec().getPorts().stream().anyMatch(port -> "http".equals(port.getName())));
        }
    }

    @Test
    void productionRoutesKeycloaksRealmsButNotItsAdminConsole() {
        Ingress keycloak = Renders.get().objects(PROD).stream().filter(Ingress.class::isInstance)
                .map(Ingress.class::cast).filter(ingress -> ingress.getMetadata().getName().equals(KEYCLOAK))
                .findFirst().orElseThrow();
        assertThat(keycloak.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("id.aqkol.example");
            assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo(KEYCLOAK);
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            }).extracting(HTTPIngressPath::getPath).containsExactlyInAnyOrder("/realms", "/resources");
        });
        assertThat(keycloak.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly("id.aqkol.example"));
    }

    @Test
    void aCompleteFixtureHasNoProblems() {
        assertThat(IngressRoutes.problems(fixture("complete.yaml"), fixtureApis())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-path.yaml    | billing-service: POST /payments/providers/{provider}/callbacks is not routed
            exposes-q.yaml       | camera.example Prefix /q -> camera-service:http: routes /q/
            root-prefix.yaml     | camera.example Prefix / -> camera-service:http: routes /q/
            stale-rule.yaml      | billing.example Prefix /invoices -> billing-service:http: no operation of
            wrong-backend.yaml   | host billing.example routes to [billing-service, camera-service]
            exact-q.yaml         | camera.example Exact /q/metrics -> camera-service:http: routes /q/
            regex.yaml           | camera.example ImplementationSpecific /cameras.* -> camera-service:http: pathType
            default-backend.yaml | Ingress aqkol has a defaultBackend
            """)
    void theCheckFindsWhatIsWrongWithABrokenFixture(String fixture, String problem) {
        assertThat(IngressRoutes.problems(fixture("broken/" + fixture), fixtureApis()))
                .anySatisfy(found -> assertThat(found).startsWith(problem));
    }

    @Test
    void theDerivedIngressOfTheFixtureApisIsComplete() {
        Map<String, SortedSet<Operation>> apis = fixtureApis();
        String derived = IngressRoutes.derive(apis, Map.of("billing-service", "billing.example",
                "camera-service", "camera.example"));
        assertThat(IngressRoutes.problems(ingresses(derived), apis)).isEmpty();
        assertThat(derived).contains("{path: /payments, pathType: Prefix,")
                .contains("{path: /me, pathType: Prefix, backend: {service: {name: camera-service,")
                .doesNotContain("path: /q");
    }

    /** The host each service has in the committed ingress; {@code <name>.aqkol.example} for one it lacks. */
    private static Map<String, String> hosts(Path ingress) throws IOException {
        Map<String, String> hosts = new TreeMap<>();
        for (JsonNode rule : new YAMLMapper().readTree(ingress.toFile()).path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                hosts.putIfAbsent(path.path("backend").path("service").path("name").asText(),
                        rule.path("host").asText());
            }
        }
        ApiDocuments.committed().keySet().forEach(service -> hosts.computeIfAbsent(service,
                s -> s.replaceFirst("-service$", "") + ".aqkol.example"));
        return hosts;
    }

    private static Map<String, SortedSet<Operation>> fixtureApis() {
        return ApiDocuments.read(resource("apis"));
    }

    private static List<Ingress> fixture(String name) {
        try {
            return ingresses(Files.readString(resource(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Ingress> ingresses(String yaml) {
        ManifestValidator.Result result = new ManifestValidator(Set.of()).validate(yaml);
        assertThat(result.violations()).as("the fixture is a valid Ingress").isEmpty();
        return result.objects().stream().map(Ingress.class::cast).toList();
    }

    private static Path resource(String name) {
        try {
            return Path.of(IngressTest.class.getResource("/ingress/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
