package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every overlay and component must keep true of what it deploys: hardened, bounded, probed containers from
 * pinned images, in the namespace that enforces the restricted Pod Security Standard; and in production, every
 * workload isolated by network policies, every service and the portal autoscaled and covered by a disruption budget.
 */
class PolicyTest {

    static Stream<String> targets() {
        return RenderedManifestsTest.targets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyContainerRunsUnprivilegedOnAReadOnlyRoot(String target) {
        for (Workload workload : workloads(target)) {
            PodSecurityContext pod = Optional.ofNullable(workload.pod().getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            assertThat(workload.pod().getAutomountServiceAccountToken()).as(workload.name() + " mounts no token")
                    .isFalse();
            workload.allContainers().forEach(container -> {
                String name = target + ": " + workload.name() + ", container " + container.getName();
                SecurityContext own = Optional.ofNullable(container.getSecurityContext())
                        .orElseGet(SecurityContext::new);
                assertThat(Optional.ofNullable(own.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot()))
                        .as(name + " runAsNonRoot").isTrue();
                assertThat(own.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
                assertThat(own.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
                assertThat(own.getCapabilities()).as(name + " capabilities").isNotNull();
                assertThat(own.getCapabilities().getDrop()).as(name + " drops capabilities").containsExactly("ALL");
                assertThat(own.getCapabilities().getAdd()).as(name + " adds capabilities").isNullOrEmpty();
                assertThat(Optional.ofNullable(own.getSeccompProfile()).orElse(pod.getSeccompProfile()))
                        .as(name + " seccompProfile").isNotNull()
                        .extracting(SeccompProfile::getType).isEqualTo("RuntimeDefault");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyContainerRequestsAndIsLimitedInCpuAndMemory(String target) {
        for (Workload workload : workloads(target)) {
            workload.allContainers().forEach(container -> {
                String name = target + ": " + workload.name() + ", container " + container.getName();
                assertThat(container.getResources()).as(name + " resources").isNotNull();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as(name + " requests").containsKeys("cpu", "memory");
                assertThat(limits).as(name + " limits").containsKeys("cpu", "memory");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyLongRunningContainerIsProbed(String target) {
        for (Workload workload : workloads(target)) {
            for (Container container : workload.pod().getContainers()) {
                String name = target + ": " + workload.name() + ", container " + container.getName();
                assertThat(container.getStartupProbe()).as(name + " startupProbe").isNotNull();
                assertThat(container.getReadinessProbe()).as(name + " readinessProbe").isNotNull();
                assertThat(container.getLivenessProbe()).as(name + " livenessProbe").isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyImageIsPinnedToAVersion(String target) {
        for (Workload workload : workloads(target)) {
            workload.allContainers().map(Container::getImage).forEach(image ->
                    assertThat(tag(image)).as(target + ": " + workload.name() + " image " + image)
                            .isNotBlank().isNotEqualTo("latest"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyWorkloadHasAServiceThatSelectsIt(String target) {
        List<Service> services = objects(target, Service.class);
        for (Workload workload : workloads(target)) {
            assertThat(services).as(target + ": a Service selecting " + workload.name())
                    .anyMatch(service -> !service.getSpec().getSelector().isEmpty()
                            && workload.selectedBy(service.getSpec().getSelector()));
            if (workload.object() instanceof StatefulSet set) {
                assertThat(services).as(target + ": " + workload.name() + "'s serviceName")
                        .extracting(service -> service.getMetadata().getName())
                        .contains(set.getSpec().getServiceName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everythingLivesInTheRestrictedNamespace(String target) {
        List<HasMetadata> objects = Renders.get().objects(target);
        assertThat(objects).filteredOn(object -> !(object instanceof Namespace))
                .as(target + ": every object in namespace " + K8sTree.NAMESPACE)
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                        .as(object.getKind() + " " + object.getMetadata().getName())
                        .isEqualTo(K8sTree.NAMESPACE));
        assertThat(objects(target, Namespace.class)).singleElement()
                .satisfies(namespace -> assertThat(namespace.getMetadata().getLabels())
                        .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
    }

    @Test
    void productionIsolatesEveryWorkloadBehindADefaultDeny() {
        List<NetworkPolicy> policies = objects("overlays/prod", NetworkPolicy.class);
        assertThat(policies).as("a default deny for ingress and egress")
                .anyMatch(policy -> policy.getSpec().getPodSelector().getMatchLabels().isEmpty()
                        && policy.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                        && policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && policy.getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty());
        for (Workload workload : workloads("overlays/prod")) {
            assertThat(policies).as("a NetworkPolicy that lets traffic in to " + workload.name())
                    .anyMatch(policy -> !policy.getSpec().getIngress().isEmpty()
                            && policy.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                            && workload.selectedBy(policy.getSpec().getPodSelector().getMatchLabels()));
        }
    }

    @Test
    void productionAutoscalesEveryServiceAndBudgetsItsDisruptions() {
        List<HorizontalPodAutoscaler> autoscalers = objects("overlays/prod", HorizontalPodAutoscaler.class);
        List<PodDisruptionBudget> budgets = objects("overlays/prod", PodDisruptionBudget.class);
        for (Workload service : services("overlays/prod")) {
            String name = service.object().getMetadata().getName();
            assertThat(autoscalers).as("an autoscaler for " + name)
                    .anySatisfy(hpa -> {
                        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
                        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
                        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
                    });
            assertThat(((StatefulSet) service.object()).getSpec().getReplicas())
                    .as(name + " leaves its replica count to the autoscaler").isNull();
            assertThat(budgets).as("a disruption budget for " + name)
                    .anyMatch(pdb -> service.selectedBy(pdb.getSpec().getSelector().getMatchLabels()));
        }
    }

    @Test
    void productionAutoscalesThePortalFromTwoReplicasAndBudgetsItsDisruptions() {
        Workload portal = portal("overlays/prod");
        assertThat(objects("overlays/prod", HorizontalPodAutoscaler.class)).as("an autoscaler for the portal")
                .anySatisfy(hpa -> {
                    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("portal");
                    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
                    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
                });
        assertThat(((Deployment) portal.object()).getSpec().getReplicas())
                .as("the portal leaves its replica count to the autoscaler").isNull();
        assertThat(objects("overlays/prod", PodDisruptionBudget.class)).as("a disruption budget for the portal")
                .anyMatch(pdb -> portal.selectedBy(pdb.getSpec().getSelector().getMatchLabels()));
        assertThat(((Deployment) portal("overlays/dev").object()).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void productionRunsNativeImagesAndDevelopmentJvmImages() {
        assertThat(services("overlays/prod")).allSatisfy(service ->
                assertThat(service.pod().getContainers().get(0).getImage()).endsWith("-native"));
        assertThat(services("overlays/dev")).allSatisfy(service ->
                assertThat(service.pod().getContainers().get(0).getImage()).doesNotContain("-native"));
        assertThat(portal("overlays/prod").pod().getContainers().get(0).getImage()).endsWith("-native");
        assertThat(portal("overlays/dev").pod().getContainers().get(0).getImage()).doesNotContain("-native");
    }

    private static Workload portal(String target) {
        return workloads(target).stream().filter(workload -> workload.object() instanceof Deployment
                && workload.object().getMetadata().getName().equals("portal")).findFirst().orElseThrow();
    }

    private static List<Workload> services(String target) {
        List<Workload> services = Workload.servicesIn(Renders.get().objects(target));
        assertThat(services).as(target + ": the four services").hasSize(4);
        return services;
    }

    private static List<Workload> workloads(String target) {
        return Workload.in(Renders.get().objects(target));
    }

    private static <T> List<T> objects(String target, Class<T> type) {
        return Renders.get().objects(target).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The tag of an image reference, or "" when it has none; a digest counts as pinned. */
    private static String tag(String image) {
        if (image.contains("@sha256:")) {
            return image.substring(image.indexOf('@') + 1);
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        return lastSegment.contains(":") ? lastSegment.substring(lastSegment.indexOf(':') + 1) : "";
    }
}
