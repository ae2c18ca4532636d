package kz.aqkol.devstack.launcher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.DevStack;

/**
 * The ports a local stack listens on: PostgreSQL, the MQTT broker, the payment sandbox, each replica of each service
 * and the portal. {@code services} holds each service's replicas in order, replica 1 first.
 */
record StackPorts(LocalPort postgres, LocalPort mqtt, LocalPort payments, Map<Service, List<LocalPort>> services,
                  LocalPort portal) {

    /**
     * The documented ports, or those the environment names; replica {@code k} of a service {@value
     * Replica#PORT_STEP}·(k−1) above the service's.
     */
    static StackPorts configured(int replicas) {
        Map<Service, List<LocalPort>> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            LocalPort first = service.port();
            List<LocalPort> ports = new ArrayList<>();
            for (int k = 1; k <= replicas; k++) {
                ports.add(first.plus(Replica.PORT_STEP * (k - 1)));
            }
            services.put(service, List.copyOf(ports));
        }
        return new StackPorts(LocalPort.from("AQKOL_PG_PORT", 15432), LocalPort.from("AQKOL_MQTT_PORT", 11883),
                LocalPort.from("AQKOL_PAYMENTS_PORT", 8090), services, LocalPort.from("AQKOL_PORTAL_PORT", 8080));
    }

    /** Ports nobody uses now, for a stack beside whatever else runs on the machine. */
    static StackPorts free(int replicas) {
        Map<Service, List<LocalPort>> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            List<LocalPort> ports = new ArrayList<>();
            for (int k = 1; k <= replicas; k++) {
                ports.add(LocalPort.free());
            }
            services.put(service, List.copyOf(ports));
        }
        return new StackPorts(LocalPort.free(), LocalPort.free(), LocalPort.free(), services, LocalPort.free());
    }

    /** How many replicas of each service. */
    int replicas() {
        return services.get(Service.METERING).size();
    }

    /** Replica 1's port: where the other services, the portal and the payment sandbox reach the service. */
    int of(Service service) {
        return of(Replica.first(service));
    }

    int of(Replica replica) {
        return portOf(replica).number();
    }

    /** Every replica of every service, service by service, replica 1 first. */
    List<Replica> replicaList() {
        List<Replica> all = new ArrayList<>();
        services.forEach((service, ports) -> {
            for (int k = 1; k <= ports.size(); k++) {
                all.add(new Replica(service, k));
            }
        });
        return all;
    }

    /**
     * Fails before anything starts if one of the ports is taken, or given twice, naming the variable that moves it.
     * PostgreSQL's and the broker's are not needed when the environment names servers elsewhere.
     */
    void refuseTaken() {
        Map<String, LocalPort> needed = new LinkedHashMap<>();
        if (isUnset(DevStack.PG_URL_ENV)) {
            needed.put("PostgreSQL", postgres);
        }
        if (isUnset(DevStack.MQTT_URL_ENV)) {
            needed.put("MQTT broker", mqtt);
        }
        needed.put("payment sandbox", payments);
        for (Replica replica : replicaList()) {
            needed.put(replica.number() == 1 ? replica.name() : "%s, %d above %s's".formatted(replica.name(),
                    Replica.PORT_STEP * (replica.number() - 1), replica.service().module()), portOf(replica));
        }
        needed.put("portal", portal);
        List<String> clashes = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        needed.forEach((what, port) -> {
            String before = seen.putIfAbsent(port.number(), what);
            if (before != null) {
                clashes.add("port %d is both %s's and %s's: set %s to another port".formatted(port.number(), before,
                        what, port.variable()));
            } else if (port.isTaken()) {
                clashes.add("port %d (%s) is already in use: stop what listens there, or set %s to a free port"
                        .formatted(port.number(), what, port.variable()));
            }
        });
        if (!clashes.isEmpty()) {
            throw CommandFailure.failed(String.join("\n", clashes));
        }
    }

    private LocalPort portOf(Replica replica) {
        return services.get(replica.service()).get(replica.number() - 1);
    }

    private static boolean isUnset(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }
}
