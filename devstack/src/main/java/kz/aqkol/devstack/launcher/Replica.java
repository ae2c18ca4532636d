package kz.aqkol.devstack.launcher;

/**
 * One of the {@code ./aqkol up --replicas N} copies of a service, numbered from 1. Replica 1 is the service as a
 * single-replica stack runs it: the same log file and the same {@code aqkol.instance}, hence the same MQTT client
 * id, so a {@code .aqkol/} home made before replicas existed finds its persistent session (and whatever the broker
 * queued for it) again. Replica {@code k} listens {@value #PORT_STEP}·(k−1) above the service's port.
 */
record Replica(Service service, int number) {

    /** How far apart the replicas' HTTP ports are: 8082, 8182, 8282… for metering-service. */
    static final int PORT_STEP = 100;
    /** The most replicas {@code ./aqkol up} starts of each service. */
    static final int MAX = 9;

    Replica {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("replica " + number + " of " + service.module()
                    + ": replicas are numbered from 1 to " + MAX);
        }
    }

    static Replica first(Service service) {
        return new Replica(service, 1);
    }

    /** How the launcher names it: the module for replica 1, {@code <module>-<k>} for the others. */
    String name() {
        return number == 1 ? service.module() : service.module() + "-" + number;
    }

    /** Its {@code aqkol.instance}, {@code local}, {@code local-2}…: its MQTT client id is {@code <module>-<instance>}. */
    String instance() {
        return number == 1 ? "local" : "local-" + number;
    }
}
