package kz.aqkol.devstack.launcher;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevStack;

/**
 * The ports a local stack listens on: PostgreSQL, the MQTT broker, the payment sandbox, each service and the portal.
 */
record StackPorts(LocalPort postgres, LocalPort mqtt, LocalPort payments, Map<Service, LocalPort> services,
                  LocalPort portal) {

    /** The documented ports, or those the environment names. */
    static StackPorts configured() {
        Map<Service, LocalPort> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, service.port());
        }
        return new StackPorts(LocalPort.from("AQKOL_PG_PORT", 15432), LocalPort.from("AQKOL_MQTT_PORT", 11883),
                LocalPort.from("AQKOL_PAYMENTS_PORT", 8090), services, LocalPort.from("AQKOL_PORTAL_PORT", 8080));
    }

    /** Ports nobody uses now, for a stack beside whatever else runs on the machine. */
    static StackPorts free() {
        Map<Service, LocalPort> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, LocalPort.free());
        }
        return new StackPorts(LocalPort.free(), LocalPort.free(), LocalPort.free(), services, LocalPort.free());
    }

    int of(Service service) {
        return services.get(service).number();
    }

    /**
     * Fails before anything starts if one of the ports is taken, naming the variable that moves it. PostgreSQL's and
     * the broker's are not needed when the environment names servers elsewhere.
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
        services.forEach((service, port) -> needed.put(service.module(), port));
        needed.put("portal", portal);
        String clashes = needed.entrySet().stream()
                .filter(entry -> entry.getValue().isTaken())
                .map(entry -> "port %d (%s) is already in use: stop what listens there, or set %s to a free port"
                        .formatted(entry.getValue().number(), entry.getKey(), entry.getValue().variable()))
                .collect(Collectors.joining("\n"));
        if (!clashes.isEmpty()) {
            throw CommandFailure.failed(clashes);
        }
    }

    private static boolean isUnset(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }
}
