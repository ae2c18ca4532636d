package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In production each workload may call out exactly where it must and nowhere else: the services to the cluster DNS,
 * their database, the broker, one another (their audit witnesses) and Keycloak (its keys); billing-service also to
 * metering-service and over HTTPS anywhere (residents' webhooks, the payment provider, the identity provider);
 * alert-service over HTTPS anywhere (webhooks; production refuses plain http); Keycloak to the cluster DNS and its
 * database; PostgreSQL and Mosquitto nowhere. And the broker's services' port, where a client chooses its own client
 * id, is open to the services only.
 */
class NetworkPoliciesTest {

    private static final String PROD = "overlays/prod";
    private static final Set<String> DNS = Set.of(
            "UDP 53 to pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}",
            "TCP 53 to pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}");
    private static final Set<String> A_SERVICE = union(DNS, Set.of(
            "TCP 5432 to pods {app.kubernetes.io/component=database}",
            "TCP 1883 to pods {app.kubernetes.io/component=broker}",
            "TCP 8080 to pods {app.kubernetes.io/component=service}",
            "TCP 8080 to pods {app.kubernetes.io/name=keycloak}"));
    private static final String HTTPS_ANYWHERE = "TCP 443 to anywhere";
    static final Map<String, Set<String>> EGRESS = Map.of(
            "camera-service", A_SERVICE,
            "metering-service", A_SERVICE,
            "billing-service", union(A_SERVICE,
                    Set.of("TCP 8080 to pods {app.kubernetes.io/name=metering-service}", HTTPS_ANYWHERE)),
            "alert-service", union(A_SERVICE, Set.of(HTTPS_ANYWHERE)),
            "keycloak", union(DNS, Set.of("TCP 5432 to pods {app.kubernetes.io/component=database}")),
            "postgres", Set.of(),
            "mosquitto", Set.of());

    @Test
    void productionGivesEachWorkloadExactlyTheEgressItNeeds() {
        assertExactEgress(Workload.in(Renders.get().objects(PROD)), policies());
    }

    @Test
    void theChecksFailOnAnAllowAllOrAPlainHttpPolicy() {
        List<Workload> workloads = Workload.in(Renders.get().objects(PROD));
        NetworkPolicy allowAll = new NetworkPolicyBuilder().withNewMetadata().withName("allow-all").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
                .addNewEgress().endEgress().endSpec().build();
        assertThatThrownBy(() -> assertExactEgress(workloads, with(allowAll)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(Flows.EVERYTHING);

        NetworkPolicy plainHttp = new NetworkPolicyBuilder().withNewMetadata().withName("alert-http").endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "alert-service")
                .endPodSelector().withPolicyTypes("Egress")
                .addNewEgress().addNewPort().withProtocol("TCP").withNewPort(80).endPort().endEgress()
                .endSpec().build();
        assertThatThrownBy(() -> assertExactEgress(workloads, with(plainHttp)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("TCP 80 to anywhere");

        List<NetworkPolicy> noDefaultDeny = policies().stream()
                .filter(policy -> !policy.getMetadata().getName().equals("default-deny")).toList();
        assertThatThrownBy(() -> assertExactEgress(workloads, noDefaultDeny))
                .as("postgres and mosquitto, selected by no egress policy, may send anywhere")
                .isInstanceOf(AssertionError.class).hasMessageContaining(Flows.EVERYTHING);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', textBlock = """
            billing-calls-out   | billing-service cannot send [TCP 443 to anywhere]
            alert-webhooks      | alert-service cannot send [TCP 443 to anywhere]
            billing-to-metering | billing-service cannot send [TCP 8080 to pods {app.kubernetes.io/name=metering-
            """)
    void theChecksFailWhenAComponentThatCallsOutCannot(String policy, String difference) {
        List<Workload> workloads = Workload.in(Renders.get().objects(PROD));
        List<NetworkPolicy> without = policies().stream()
                .filter(candidate -> !candidate.getMetadata().getName().equals(policy)).toList();
        assertThat(without).as("the policy " + policy + " is in production").hasSize(policies().size() - 1);
        assertThatThrownBy(() -> assertExactEgress(workloads, without))
                .isInstanceOf(AssertionError.class).hasMessageContaining(difference);
    }

    @Test
    void theChecksFailOnAnEgressNoComponentNeeds() {
        List<Workload> workloads = Workload.in(Renders.get().objects(PROD));
        assertThatThrownBy(() -> assertExactEgress(workloads, with(fixture("camera-calls-out.yaml"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("camera-service may also send [" + HTTPS_ANYWHERE + "]");
    }

    @Test
    void theBrokersServicesPortIsOpenToTheServicesOnly() {
        Workload broker = Workload.in(Renders.get().objects(PROD)).stream()
                .filter(workload -> workload.object().getMetadata().getName().equals("mosquitto")).findFirst()
                .orElseThrow();
        assertThat(Flows.ingress(broker.podLabels(), policies())).containsExactlyInAnyOrder(
                "TCP 1883 from pods {app.kubernetes.io/component=service}",
                "TCP mqtt-devices from anywhere");
    }

    /** Each workload may send exactly what {@link #EGRESS} says; each difference is named, workload by workload. */
    static void assertExactEgress(List<Workload> workloads, List<NetworkPolicy> policies) {
        Map<String, Set<String>> actual = new TreeMap<>(workloads.stream().collect(Collectors.toMap(
                workload -> workload.object().getMetadata().getName(),
                workload -> Flows.egress(workload.podLabels(), policies))));
        assertThat(actual.keySet()).as("the workloads in production").isEqualTo(EGRESS.keySet());
        List<String> differences = new ArrayList<>();
        actual.forEach((workload, flows) -> {
            Set<String> missing = new TreeSet<>(EGRESS.get(workload));
            missing.removeAll(flows);
            Set<String> extra = new TreeSet<>(flows);
            extra.removeAll(EGRESS.get(workload));
            if (!missing.isEmpty()) {
                differences.add(workload + " cannot send " + missing);
            }
            if (!extra.isEmpty()) {
                differences.add(workload + " may also send " + extra);
            }
        });
        assertThat(differences).as("egress per workload, against NetworkPoliciesTest.EGRESS").isEmpty();
    }

    private static List<NetworkPolicy> with(NetworkPolicy extra) {
        List<NetworkPolicy> policies = new ArrayList<>(policies());
        policies.add(extra);
        return policies;
    }

    private static NetworkPolicy fixture(String name) {
        try (InputStream in = NetworkPoliciesTest.class.getResourceAsStream("/network-policies/" + name)) {
            ManifestValidator.Result result = new ManifestValidator(Set.of())
                    .validate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(result.violations()).as(name + " is a valid NetworkPolicy").isEmpty();
            return (NetworkPolicy) result.objects().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<NetworkPolicy> policies() {
        return Renders.get().objects(PROD).stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toSet());
    }
}
