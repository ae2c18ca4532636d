package kz.aqkol.devstack.launcher;

/**
 * The four services as {@code ./aqkol up} runs them: the Maven module whose Quarkus app it starts, the database it
 * creates for it (the service's {@code aqkol.db.name}) and its HTTP port on the local defaults.
 */
public enum Service {
    CAMERA("camera-service", "camera", "AQKOL_CAMERA_PORT", 8081),
    METERING("metering-service", "metering", "AQKOL_METERING_PORT", 8082),
    BILLING("billing-service", "billing", "AQKOL_BILLING_PORT", 8083),
    ALERT("alert-service", "alert", "AQKOL_ALERT_PORT", 8084);

    private final String module;
    private final String database;
    private final String portVariable;
    private final int defaultPort;

    Service(String module, String database, String portVariable, int defaultPort) {
        this.module = module;
        this.database = database;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    /** Where the build leaves the runnable service: {@code quarkus-run.jar}, its libraries and its class archive. */
    String application() {
        return module + "/target/quarkus-app";
    }

    LocalPort port() {
        return LocalPort.from(portVariable, defaultPort);
    }
}
