package kz.aqkol.k8s;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.aqkol.k8s.ApiDocuments.Operation;

/**
 * What an Ingress routes, compared with what the services answer, as Kubernetes defines the matching of a path
 * (Prefix: whole segments; Exact: the whole path): every operation of every service's OpenAPI document is routed on
 * that service's host to that service's http port; nothing under /q/ (health, metrics, OpenAPI) is routed on any
 * host; no rule routes where no operation of its backend is. Each finding is one line.
 */
final class IngressRoutes {

    private static final String PORT = "http";
    private static final Set<String> PATH_TYPES = Set.of("Prefix", "Exact");

    private IngressRoutes() {
    }

    /** One path rule of one host. */
    private record Route(String host, String path, String pathType, String service, String port) {

        List<String> segments() {
            return Operation.segments(path);
        }

        /** Whether every request for {@code operation} reaches this rule (a template segment is any value). */
        boolean routesAll(Operation operation) {
            List<String> rule = segments();
            List<String> target = operation.segments();
            boolean lengthFits = pathType.equals("Exact") ? rule.size() == target.size() : rule.size() <= target.size();
            return lengthFits && target.subList(0, rule.size()).equals(rule);
        }

        /** Whether some request for {@code operation} reaches this rule. */
        boolean routesSome(Operation operation) {
            List<String> rule = segments();
            List<String> target = operation.segments();
            boolean lengthFits = pathType.equals("Exact") ? rule.size() == target.size() : rule.size() <= target.size();
            if (!lengthFits) {
                return false;
            }
            for (int i = 0; i < rule.size(); i++) {
                if (!Operation.isTemplate(target.get(i)) && !target.get(i).equals(rule.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Whether a request for /q or anything under it reaches this rule. */
        boolean routesQuarkusEndpoints() {
            List<String> rule = segments();
            return rule.isEmpty() ? pathType.equals("Prefix") : rule.get(0).equals("q");
        }

        @Override
        public String toString() {
            return host + " " + pathType + " " + path + " -> " + service + ":" + port;
        }
    }

    /** Everything wrong with {@code ingresses} for services answering {@code services}; empty when nothing is. */
    static List<String> problems(List<Ingress> ingresses, Map<String, SortedSet<Operation>> services) {
        List<String> problems = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            String name = "Ingress " + ingress.getMetadata().getName();
            if (ingress.getSpec().getDefaultBackend() != null) {
                problems.add(name + " has a defaultBackend: it routes every path, /q/ included");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHost() == null || rule.getHost().isEmpty()) {
                    problems.add(name + " has a rule without host: it answers on every host name");
                }
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    routes.add(route(rule.getHost(), path));
                }
            }
        }
        for (Route route : routes) {
            if (!PATH_TYPES.contains(route.pathType())) {
                problems.add(route + ": pathType must be Prefix or Exact (ImplementationSpecific is each "
                        + "controller's own, a regular expression for some)");
            } else if (route.routesQuarkusEndpoints()) {
                problems.add(route + ": routes /q/ (health, metrics, OpenAPI), which must stay inside the cluster");
            }
            if (route.service() == null) {
                problems.add(route + ": the backend is not a Service");
            } else if (!services.containsKey(route.service())) {
                problems.add(route + ": " + route.service() + " has no OpenAPI document (docs/openapi)");
            } else if (!PORT.equals(route.port())) {
                problems.add(route + ": the backend port must be the service's port named " + PORT);
            } else if (PATH_TYPES.contains(route.pathType())
                    && services.get(route.service()).stream().noneMatch(route::routesSome)) {
                problems.add(route + ": no operation of " + route.service() + " is there (a stale rule)");
            }
        }
        Map<String, Set<String>> hostsByService = new TreeMap<>();
        Map<String, Set<String>> servicesByHost = new TreeMap<>();
        routes.stream().filter(route -> route.service() != null).forEach(route -> {
            hostsByService.computeIfAbsent(route.service(), s -> new TreeSet<>()).add(route.host());
            servicesByHost.computeIfAbsent(route.host(), h -> new TreeSet<>()).add(route.service());
        });
        servicesByHost.forEach((host, backends) -> {
            if (backends.size() > 1) {
                problems.add("host " + host + " routes to " + backends + ": every service answers /me and /audit "
                        + "itself, so each needs a host of its own");
            }
        });
        services.forEach((service, operations) -> {
            Set<String> hosts = hostsByService.getOrDefault(service, Set.of());
            if (hosts.size() > 1) {
                problems.add(service + " is routed on several hosts " + hosts);
            }
            for (Operation operation : operations) {
                boolean routed = routes.stream().anyMatch(route -> service.equals(route.service())
                        && PORT.equals(route.port()) && PATH_TYPES.contains(route.pathType())
                        && route.routesAll(operation));
                if (!routed) {
                    problems.add(service + ": " + operation + " is not routed"
                            + (hosts.isEmpty() ? " (no host routes to " + service + ")" : " on " + hosts));
                }
            }
        });
        return problems;
    }

    /**
     * Everything wrong with the Ingress of a backend that has no OpenAPI document but a set of pages (the portal):
     * one host, named in its TLS section, whose rules go to {@code backend}'s http port and route exactly
     * {@code firsts}, each page's first path segment ("" for the home page, routed as Exact /), and nothing under /q/.
     */
    static List<String> pageProblems(Ingress ingress, String backend, SortedSet<String> firsts) {
        List<String> problems = new ArrayList<>();
        String name = "Ingress " + ingress.getMetadata().getName();
        if (ingress.getSpec().getDefaultBackend() != null) {
            problems.add(name + " has a defaultBackend: it routes every path, /q/ included");
        }
        Set<String> hosts = new TreeSet<>();
        SortedSet<String> routed = new TreeSet<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            if (rule.getHost() == null || rule.getHost().isEmpty()) {
                problems.add(name + " has a rule without host: it answers on every host name");
            }
            hosts.add(rule.getHost());
            for (HTTPIngressPath path : rule.getHttp() == null ? List.<HTTPIngressPath>of() : rule.getHttp().getPaths()) {
                Route route = route(rule.getHost(), path);
                if (!PATH_TYPES.contains(route.pathType())) {
                    problems.add(route + ": pathType must be Prefix or Exact");
                } else if (route.routesQuarkusEndpoints()) {
                    problems.add(route + ": routes /q/ (health, metrics), which must stay inside the cluster");
                } else if (route.segments().size() > 1) {
                    problems.add(route + ": route the first path segment, " + backend + " answers below it");
                } else {
                    routed.add(route.segments().isEmpty() ? "" : route.segments().get(0));
                }
                if (!backend.equals(route.service()) || !PORT.equals(route.port())) {
                    problems.add(route + ": the backend must be " + backend + "'s port named " + PORT);
                }
            }
        }
        if (hosts.size() != 1) {
            problems.add(name + " routes on " + hosts + ": " + backend + " needs exactly one host of its own");
        }
        Set<String> secured = new TreeSet<>();
        ingress.getSpec().getTls().forEach(tls -> secured.addAll(tls.getHosts()));
        if (!secured.containsAll(hosts)) {
            problems.add(name + ": not every host " + hosts + " is in its TLS section " + secured);
        }
        firsts.stream().filter(first -> !routed.contains(first))
                .forEach(first -> problems.add(backend + ": /" + first + " is not routed"));
        routed.stream().filter(first -> !firsts.contains(first))
                .forEach(first -> problems.add(name + " routes /" + first + ", where " + backend
                        + " has no page (a stale rule)"));
        return problems;
    }

    private static Route route(String host, HTTPIngressPath path) {
        IngressBackend backend = path.getBackend();
        String service = backend == null || backend.getService() == null ? null : backend.getService().getName();
        String port = service == null || backend.getService().getPort() == null ? null
                : backend.getService().getPort().getName();
        return new Route(host, path.getPath() == null ? "/" : path.getPath(), path.getPathType(), service, port);
    }

    /**
     * The Ingress that routes exactly the services' first path segments ({@code /cameras}, {@code /me}, ...) as
     * Prefix rules ({@code /} as Exact, should a service answer it), each service on {@code hosts.get(service)}.
     */
    static String derive(Map<String, SortedSet<Operation>> services, Map<String, String> hosts) {
        StringBuilder yaml = new StringBuilder("""
                # Derived from the services' OpenAPI documents (docs/openapi/<service>.yaml): each service's
                # first path segments, on a host of its own (every service answers /me/access-log and /audit
                # itself). Not /q/: health, metrics and OpenAPI stay inside the cluster. Do not edit the rules by
                # hand: tools/refresh-api rewrites them after an API change, and k8s-tests' IngressTest fails while
                # an operation is unrouted, anything under /q/ is routed or a rule routes where no operation is.
                # The hosts are placeholders, kept when the file is rewritten: replace them here or patch them in
                # your overlay.
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: aqkol
                spec:
                  # the cluster's default IngressClass, unless you name one here (ingressClassName)
                  tls:
                    - secretName: aqkol-tls
                      hosts:
                """);
        services.keySet().forEach(service -> yaml.append("        - ").append(hosts.get(service)).append('\n'));
        yaml.append("  rules:\n");
        ApiDocuments.firstSegments(services).forEach((service, firsts) -> {
            yaml.append("    - host: ").append(hosts.get(service)).append("\n      http:\n        paths:\n");
            firsts.forEach(first -> yaml.append("          - {path: /").append(first).append(", pathType: ")
                    .append(first.isEmpty() ? "Exact" : "Prefix").append(", backend: {service: {name: ")
                    .append(service).append(", port: {name: ").append(PORT).append("}}}}\n"));
        });
        return yaml.toString();
    }
}
