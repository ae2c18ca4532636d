package kz.aqkol.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a set of NetworkPolicies lets a pod send or receive, as Kubernetes reads them, in words that are compared
 * whole: "TCP 443 to anywhere", "TCP 5432 to pods {app.kubernetes.io/component=database}", "any port to anywhere".
 * A pod no policy of a direction selects is open in that direction; the flows of the policies that select it add up.
 */
final class Flows {

    static final String EVERYTHING = "any port to anywhere";

    private Flows() {
    }

    static Set<String> egress(Map<String, String> podLabels, List<NetworkPolicy> policies) {
        Set<String> flows = new TreeSet<>();
        List<NetworkPolicy> selecting = selecting(podLabels, policies, "Egress");
        if (selecting.isEmpty()) {
            return Set.of(EVERYTHING);
        }
        selecting.forEach(policy -> policy.getSpec().getEgress()
                .forEach(rule -> flows.addAll(flows(rule.getPorts(), rule.getTo(), "to"))));
        return flows;
    }

    static Set<String> ingress(Map<String, String> podLabels, List<NetworkPolicy> policies) {
        Set<String> flows = new TreeSet<>();
        List<NetworkPolicy> selecting = selecting(podLabels, policies, "Ingress");
        if (selecting.isEmpty()) {
            return Set.of(EVERYTHING.replace(" to ", " from "));
        }
        selecting.forEach(policy -> policy.getSpec().getIngress()
                .forEach(rule -> flows.addAll(flows(rule.getPorts(), rule.getFrom(), "from"))));
        return flows;
    }

    private static List<NetworkPolicy> selecting(Map<String, String> podLabels, List<NetworkPolicy> policies,
                                                 String direction) {
        return policies.stream()
                .filter(policy -> types(policy).contains(direction))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), podLabels))
                .toList();
    }

    /** The policy's types, defaulted as the API server does: Ingress always, Egress when it has egress rules. */
    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (!selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not read here: " + selector);
        }
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static Set<String> flows(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers, String direction) {
        List<String> portWords = ports.isEmpty() ? List.of("any port") : ports.stream().map(Flows::port).toList();
        List<String> peerWords = peers.isEmpty() ? List.of("anywhere") : peers.stream().map(Flows::peer).toList();
        Set<String> flows = new TreeSet<>();
        portWords.forEach(port -> peerWords.forEach(peer -> flows.add(port + " " + direction + " " + peer)));
        return flows;
    }

    private static String port(NetworkPolicyPort port) {
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        IntOrString number = port.getPort();
        if (number == null) {
            return protocol + " any port";
        }
        String value = number.getStrVal() != null ? number.getStrVal() : number.getIntVal().toString();
        return protocol + " " + value + (port.getEndPort() == null ? "" : "-" + port.getEndPort());
    }

    private static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "addresses " + peer.getIpBlock().getCidr() + " except " + peer.getIpBlock().getExcept();
        }
        String pods = peer.getPodSelector() == null ? "all pods" : "pods " + labels(peer.getPodSelector());
        return peer.getNamespaceSelector() == null ? pods
                : pods + " in namespaces " + labels(peer.getNamespaceSelector());
    }

    private static String labels(LabelSelector selector) {
        if (!selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not read here: " + selector);
        }
        return new TreeMap<>(selector.getMatchLabels()).toString();
    }
}
