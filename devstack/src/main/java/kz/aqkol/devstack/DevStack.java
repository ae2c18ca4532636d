package kz.aqkol.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL, an MQTT broker and the dev signing key, together. Embedded by default, so a machine with only a JDK
 * can run everything; the environment variables {@value #PG_URL_ENV} and {@value #MQTT_URL_ENV} point it at
 * existing servers instead.
 */
public final class DevStack implements AutoCloseable {

    /** e.g. {@code postgresql://postgres@127.0.0.1:5432}: use this server instead of an embedded one. */
    public static final String PG_URL_ENV = "AQKOL_PG_URL";
    /** e.g. {@code tcp://127.0.0.1:1883}: use this broker instead of an embedded one. */
    public static final String MQTT_URL_ENV = "AQKOL_MQTT_URL";

    // Set once the test stack of this JVM runs, so that a second class loader finds it instead of starting another
    private static final String RUNNING_PG = "aqkol.devstack.pg";
    private static final String RUNNING_MQTT = "aqkol.devstack.mqtt";
    private static final String RUNNING_KEYS = "aqkol.devstack.keys";

    // Replaced when a fault drill stops and starts an embedded server (see stopPostgres, restartBroker)
    private volatile Postgres postgres;
    private volatile Broker broker;
    private final DevKeys keys;
    private final AuditSigningKeys auditKeys;
    private final Path home;
    private final boolean persistent;

    private DevStack(Postgres postgres, Broker broker, DevKeys keys, Path home, boolean persistent) {
        this.postgres = postgres;
        this.broker = broker;
        this.keys = keys;
        this.auditKeys = AuditSigningKeys.in(keys.publicKeyFile().getParent().resolveSibling("audit-keys"));
        this.home = home;
        this.persistent = persistent;
    }

    /**
     * The stack the tests of this JVM share: started on first use (free ports, data thrown away) and stopped when
     * the JVM exits.
     */
    public static synchronized DevStack forTests() {
        if (System.getProperty(RUNNING_PG) != null) {
            return new DevStack(Postgres.external(System.getProperty(RUNNING_PG)),
                    Broker.external(System.getProperty(RUNNING_MQTT)),
                    DevKeys.in(Path.of(System.getProperty(RUNNING_KEYS))), null, false);
        }
        Path home = temporaryHome();
        // the services' own tests keep to the broker that needs nothing installed; e2e runs the launcher's choice
        DevStack stack = start(home, 0, 0, false, Broker::embedded);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
        System.setProperty(RUNNING_PG, "postgresql://" + userInfo(stack.postgres) + stack.postgres.host() + ":"
                + stack.postgres.port());
        System.setProperty(RUNNING_MQTT, "tcp://" + stack.broker.host() + ":" + stack.broker.port());
        System.setProperty(RUNNING_KEYS, home.resolve("jwt").toString());
        return stack;
    }

    /**
     * Starts the stack with its files under {@code home}: PostgreSQL on {@code pgPort}, the broker
     * ({@link Broker#local}: Mosquitto when installed) on {@code mqttPort} (0: any free port), unless the environment
     * names external servers.
     */
    public static DevStack start(Path home, int pgPort, int mqttPort, boolean persistent) {
        return start(home, pgPort, mqttPort, persistent, Broker::local);
    }

    private interface BrokerStart {
        Broker start(int port, Path home, boolean persistent);
    }

    private static DevStack start(Path home, int pgPort, int mqttPort, boolean persistent, BrokerStart ownBroker) {
        String pgUrl = System.getenv(PG_URL_ENV);
        String mqttUrl = System.getenv(MQTT_URL_ENV);
        Postgres postgres = pgUrl != null && !pgUrl.isBlank() ? Postgres.external(pgUrl)
                : Postgres.embedded(pgPort, persistent ? home.resolve("postgres") : null);
        try {
            Broker broker = mqttUrl != null && !mqttUrl.isBlank() ? Broker.external(mqttUrl)
                    : ownBroker.start(mqttPort, home.resolve("mqtt"), persistent);
            return new DevStack(postgres, broker, DevKeys.in(home.resolve("jwt")), home, persistent);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public Postgres postgres() {
        return postgres;
    }

    public Broker broker() {
        return broker;
    }

    public DevKeys keys() {
        return keys;
    }

    /** The key pairs the services sign their audit checkpoints with (in {@code audit-keys/} beside the JWT key). */
    public AuditSigningKeys auditKeys() {
        return auditKeys;
    }

    public DevTokens tokens() {
        return new DevTokens(keys);
    }

    /**
     * Stops the embedded PostgreSQL, as a crash or a maintenance window would; {@link #startPostgres()} brings it
     * back on the same port with the same data. Only for a persistent stack's own server.
     */
    public synchronized void stopPostgres() {
        requireOwn(postgres.isEmbedded(), "PostgreSQL");
        postgres.close();
    }

    public synchronized void startPostgres() {
        requireOwn(postgres.isEmbedded(), "PostgreSQL");
        postgres = Postgres.embedded(postgres.port(), home.resolve("postgres"));
    }

    /**
     * Stops the broker started here, waits {@code down}, and starts it again on the same port with its persisted
     * sessions and queues, as a broker restart in production would.
     */
    public synchronized void restartBroker(java.time.Duration down) throws InterruptedException {
        requireOwn(broker.isStartedHere(), "MQTT broker");
        broker = broker.restarted(down);
    }

    private void requireOwn(boolean embedded, String server) {
        if (!embedded || !persistent) {
            throw new IllegalStateException("only the " + server + " of a persistent stack started here can be "
                    + "stopped and started again");
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            postgres.close();
        }
    }

    private static String userInfo(Postgres postgres) {
        return postgres.user() + "@";
    }

    private static Path temporaryHome() {
        try {
            Path home = Files.createTempDirectory("aqkol-devstack-");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}
