package kz.aqkol.k8s;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields the Kubernetes API requires ("required" in its OpenAPI schema) for the types these manifests use.
 * fabric8's model knows every field and its type but not which ones are required, so they are listed here; add a
 * type's entry when a manifest starts using it.
 */
final class RequiredFields {

    private static final Map<Class<?>, List<String>> REQUIRED = Map.ofEntries(
            entry(PodSpec.class, List.of("containers")),
            entry(Container.class, List.of("name")),
            entry(ContainerPort.class, List.of("containerPort")),
            entry(EnvVar.class, List.of("name")),
            entry(ConfigMapKeySelector.class, List.of("key")),
            entry(SecretKeySelector.class, List.of("key")),
            entry(ObjectFieldSelector.class, List.of("fieldPath")),
            entry(Volume.class, List.of("name")),
            entry(VolumeMount.class, List.of("name", "mountPath")),
            entry(KeyToPath.class, List.of("key", "path")),
            entry(HTTPGetAction.class, List.of("port")),
            entry(TCPSocketAction.class, List.of("port")),
            entry(TopologySpreadConstraint.class, List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            entry(SeccompProfile.class, List.of("type")),
            entry(ServicePort.class, List.of("port")),
            entry(LabelSelectorRequirement.class, List.of("key", "operator")),
            entry(DeploymentSpec.class, List.of("selector", "template")),
            entry(StatefulSetSpec.class, List.of("selector", "template")),
            entry(HorizontalPodAutoscalerSpec.class, List.of("scaleTargetRef", "maxReplicas")),
            entry(CrossVersionObjectReference.class, List.of("kind", "name")),
            entry(MetricSpec.class, List.of("type")),
            entry(ResourceMetricSource.class, List.of("name", "target")),
            entry(MetricTarget.class, List.of("type")),
            entry(IPBlock.class, List.of("cidr")),
            entry(HTTPIngressRuleValue.class, List.of("paths")),
            entry(HTTPIngressPath.class, List.of("pathType", "backend")),
            entry(IngressServiceBackend.class, List.of("name")));

    private final ObjectMapper mapper;

    RequiredFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The required fields missing from {@code node} read as {@code type}, as paths like "spec.selector". */
    List<String> missing(JsonNode node, Class<?> type) {
        List<String> missing = new ArrayList<>();
        collect(node, mapper.constructType(type), "", missing);
        return missing;
    }

    private void collect(JsonNode node, JavaType type, String path, List<String> missing) {
        if (node == null || node.isNull()) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), type.getContentType(), path + "[" + i + "]", missing);
            }
        } else if (type.isMapLikeType()) {
            node.fields().forEachRemaining(field ->
                    collect(field.getValue(), type.getContentType(), path + "." + field.getKey(), missing));
        } else if (type.getRawClass().getName().startsWith("io.fabric8.") && node.isObject()) {
            for (String field : REQUIRED.getOrDefault(type.getRawClass(), List.of())) {
                if (!node.hasNonNull(field)) {
                    missing.add(join(path, field));
                }
            }
            BeanDescription description = mapper.getDeserializationConfig().introspect(type);
            for (BeanPropertyDefinition property : description.findProperties()) {
                String name = property.getName();
                collect(node.get(name), property.getPrimaryType(), join(path, name), missing);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
