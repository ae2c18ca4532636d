package kz.aqkol.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A Deployment or StatefulSet: what runs pods, seen through its pod template. */
record Workload(HasMetadata object, PodTemplateSpec template) {

    private static final String COMPONENT = "app.kubernetes.io/component";

    static List<Workload> in(List<HasMetadata> objects) {
        return objects.stream()
                .flatMap(object -> {
                    if (object instanceof StatefulSet set) {
                        return Stream.of(new Workload(set, set.getSpec().getTemplate()));
                    }
                    if (object instanceof Deployment deployment) {
                        return Stream.of(new Workload(deployment, deployment.getSpec().getTemplate()));
                    }
                    return Stream.empty();
                })
                .toList();
    }

    /** The four services (what quarkus-kubernetes generates), as opposed to PostgreSQL and the broker. */
    static List<Workload> servicesIn(List<HasMetadata> objects) {
        return in(objects).stream().filter(workload -> "service".equals(workload.podLabels().get(COMPONENT))).toList();
    }

    String name() {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    Map<String, String> podLabels() {
        return template.getMetadata().getLabels();
    }

    PodSpec pod() {
        return template.getSpec();
    }

    /** Init containers first, then the long-running ones. */
    Stream<Container> allContainers() {
        return Stream.concat(pod().getInitContainers().stream(), pod().getContainers().stream());
    }

    /** Whether a label selector (matchLabels only) picks this workload's pods. */
    boolean selectedBy(Map<String, String> selector) {
        return selector != null && podLabels().entrySet().containsAll(selector.entrySet());
    }
}
