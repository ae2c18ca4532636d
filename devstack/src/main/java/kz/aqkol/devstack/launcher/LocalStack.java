package kz.aqkol.devstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.Postgres;

/**
 * {@code ./aqkol up}: the whole village on one machine — the MQTT broker, PostgreSQL and the four services as
 * separate processes on the local defaults — in the foreground until Ctrl-C, which stops all of it. The data stays
 * in {@code .aqkol/} between runs, so the meters and accounts made today are still there tomorrow.
 */
final class LocalStack {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final Path root;
    private final Path home;
    private final PrintStream out = System.out;

    // Set by the shutdown hook, read by the start-up that may still be running while it stops things.
    private volatile boolean stopping;
    // What was started, guarded by this: the shutdown hook stops exactly that, once start-up has let go of it.
    private DevStack stack;
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalStack(Path root, Path home) {
        this.root = root;
        this.home = home;
    }

    /** Starts everything and reports when it is ready; then returns only when the JVM is shutting down. */
    void up() {
        Instant begin = Instant.now();
        if (startAll()) {
            printSummary(List.copyOf(services), Duration.between(begin, Instant.now()));
            awaitShutdown();
        }
    }

    /**
     * Starts everything and waits until all is ready, leaving it running (the shutdown hook stops it); false if
     * the JVM began shutting down (Ctrl-C) first.
     */
    boolean startAll() {
        refuseTakenPorts();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "aqkol-stop"));
        Map<Service, LocalPort> servicePorts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            servicePorts.put(service, service.port());
        }
        List<ServiceProcess> started = start(pgPort(), mqttPort(), servicePorts);
        awaitReady(started);
        return !stopping;
    }

    /** What {@link #startAll()} started: the broker, PostgreSQL and the keys. */
    synchronized DevStack stack() {
        return stack;
    }

    /** The base URL of a started service. */
    synchronized String url(Service service) {
        return services.stream().filter(s -> s.name().equals(service.module())).findFirst().orElseThrow().url()
                .toString();
    }

    /** Prints the URLs and tokens, as {@code up} does once all is ready. */
    synchronized void printSummary() {
        printSummary(List.copyOf(services), null);
    }

    /** Fails before anything starts if one of the ports is taken, naming the variable that moves it. */
    static void refuseTakenPorts() {
        Map<Service, LocalPort> servicePorts = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            servicePorts.put(service, service.port());
        }
        refuseTakenPorts(pgPort(), mqttPort(), servicePorts);
    }

    private static LocalPort pgPort() {
        return LocalPort.from("AQKOL_PG_PORT", 15432);
    }

    private static LocalPort mqttPort() {
        return LocalPort.from("AQKOL_MQTT_PORT", 11883);
    }

    private static void refuseTakenPorts(LocalPort pgPort, LocalPort mqttPort, Map<Service, LocalPort> servicePorts) {
        Map<String, LocalPort> needed = new LinkedHashMap<>();
        if (isUnset(DevStack.PG_URL_ENV)) {
            needed.put("PostgreSQL", pgPort);
        }
        if (isUnset(DevStack.MQTT_URL_ENV)) {
            needed.put("MQTT broker", mqttPort);
        }
        servicePorts.forEach((service, port) -> needed.put(service.module(), port));
        String clashes = needed.entrySet().stream()
                .filter(entry -> entry.getValue().isTaken())
                .map(entry -> "port %d (%s) is already in use: stop what listens there, or set %s to a free port"
                        .formatted(entry.getValue().number(), entry.getKey(), entry.getValue().variable()))
                .collect(Collectors.joining("\n"));
        if (!clashes.isEmpty()) {
            throw CommandFailure.failed(clashes);
        }
    }

    private synchronized List<ServiceProcess> start(LocalPort pgPort, LocalPort mqttPort,
                                                    Map<Service, LocalPort> servicePorts) {
        if (stopping) {
            return List.of();
        }
        out.println("Starting PostgreSQL and the MQTT broker (data in " + shown(home) + "/)...");
        stack = DevStack.start(home, pgPort.number(), mqttPort.number(), true);
        out.println("  " + stack.postgres());
        out.println("  " + stack.broker());
        for (Service service : Service.values()) {
            stack.postgres().ensureDatabase(service.database());
        }

        Path logs = createDirectory(home.resolve("logs"));
        Map<String, String> properties = serviceProperties();
        Map<String, String> environment = serviceEnvironment();
        out.println("Starting the services (logs in " + shown(home) + "/logs/)...");
        servicePorts.forEach((service, port) -> services.add(ServiceProcess.start(service, port.number(), root,
                properties, environment, logs.resolve(service.module() + ".log"))));
        return List.copyOf(services);
    }

    /** What every service is told about the local stack, as system properties; the rest is its own default. */
    private Map<String, String> serviceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aqkol.db.host", stack.postgres().host());
        properties.put("aqkol.db.port", Integer.toString(stack.postgres().port()));
        properties.put("quarkus.datasource.username", stack.postgres().user());
        properties.put("aqkol.mqtt.host", stack.broker().host());
        properties.put("aqkol.mqtt.port", Integer.toString(stack.broker().port()));
        properties.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        properties.put("aqkol.instance", "local");
        properties.put("quarkus.log.console.json.enabled", "false");
        return properties;
    }

    /**
     * Secrets go in the environment, not on the command line, which every user of the machine can read: the
     * database password, if any, the key camera-service pseudonymises plates with, and billing-service's token for
     * metering-service (role service, signed with the development key like every token of this stack).
     */
    private Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AQKOL_CAMERA_PLATE_KEY", DevSecret.in(home.resolve("secrets/camera-plate-key")));
        environment.put("AQKOL_BILLING_METERING_TOKEN", stack.tokens().issue("billing-service", Duration.ofDays(30),
                "service"));
        String password = stack.postgres().password();
        if (password != null) {
            environment.put("QUARKUS_DATASOURCE_PASSWORD", password);
        }
        return environment;
    }

    /**
     * Polls the services until all are ready, showing progress; fails with the end of its log for the first one that
     * exits or is not ready in time.
     */
    private void awaitReady(List<ServiceProcess> started) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        List<ServiceProcess> starting = new ArrayList<>(started);
        Instant nextProgress = Instant.now().plus(PROGRESS_INTERVAL);
        while (!starting.isEmpty() && !stopping) {
            for (Iterator<ServiceProcess> it = starting.iterator(); it.hasNext(); ) {
                ServiceProcess service = it.next();
                if (service.isReady(http)) {
                    out.printf("  %-16s ready in %s%n", service.name(), seconds(service.uptime()));
                    it.remove();
                } else if (service.exitCode().isPresent()) {
                    if (stopping) {
                        return; // Ctrl-C reached the services too: their exit is no failure
                    }
                    throw failedToStart(service, "exited with code " + service.exitCode().getAsInt());
                } else if (service.uptime().compareTo(START_TIMEOUT) > 0) {
                    throw failedToStart(service, "was not ready within " + START_TIMEOUT.toSeconds() + " s");
                }
            }
            if (!starting.isEmpty() && Instant.now().isAfter(nextProgress)) {
                out.printf("  still starting (%d s): %s%n", starting.get(0).uptime().toSeconds(), names(starting));
                nextProgress = nextProgress.plus(PROGRESS_INTERVAL);
            }
            pause(POLL_INTERVAL);
        }
    }

    private CommandFailure failedToStart(ServiceProcess service, String what) {
        out.printf("%n%s %s. Last lines of %s:%n", service.name(), what, root.relativize(service.log()));
        service.tailOfLog(LOG_TAIL_LINES).forEach(line -> out.println("  | " + line));
        out.println();
        return CommandFailure.failed(service.name() + " did not start; stopping everything");
    }

    private void printSummary(List<ServiceProcess> started, Duration total) {
        if (total != null) {
            out.printf("%nSmart Aqkol is up: all ready in %s. Ctrl-C stops everything.%n%n", seconds(total));
        }
        for (ServiceProcess service : started) {
            out.printf("  %-16s %-23s Swagger UI %s/q/swagger-ui%n", service.name(), service.url(), service.url());
        }
        out.printf("  %-16s tcp://%s:%d%n", "MQTT broker", stack.broker().host(), stack.broker().port());
        Postgres postgres = stack.postgres();
        String databases = Arrays.stream(Service.values()).map(Service::database).collect(Collectors.joining(", "));
        out.printf("  %-16s %s:%d, user %s, databases %s%n", "PostgreSQL", postgres.host(), postgres.port(),
                postgres.user(), databases);
        out.printf("  %-16s %s/logs/%n", "Logs", shown(home));

        out.printf("%nDev tokens, valid %d h (more with ./aqkol token ROLE [SUBJECT]):%n",
                Role.TOKEN_VALIDITY.toHours());
        DevTokens tokens = stack.tokens();
        for (Role role : Role.values()) {
            String subject = role.defaultSubject();
            out.printf("  %s (%s)%n    %s%n", role.claim(), subject, role.token(tokens, subject));
        }
        out.println();
    }

    /**
     * The shutdown hook (Ctrl-C, or the exit after a failed start): services first, so that they can finish their
     * work while the broker and the database are still there, then the broker, then PostgreSQL.
     */
    private void stop() {
        stopping = true;
        synchronized (this) {
            if (!services.isEmpty()) {
                out.println("Stopping the services...");
                services.forEach(ServiceProcess::terminate);
                Instant deadline = Instant.now().plus(STOP_GRACE);
                for (ServiceProcess service : services) {
                    if (!service.awaitExit(deadline)) {
                        out.printf("  %s did not stop within %d s: killed%n", service.name(), STOP_GRACE.toSeconds());
                    }
                }
            }
            if (stack != null) {
                out.println("Stopping the MQTT broker and PostgreSQL...");
                stack.close();
            }
            out.println("Stopped.");
        }
    }

    /** A folder as the user knows it: relative to the repository root. */
    private String shown(Path folder) {
        return folder.startsWith(root) ? root.relativize(folder).toString() : folder.toString();
    }

    private static boolean isUnset(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank();
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static String names(List<ServiceProcess> services) {
        return services.stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted while waiting for the services");
        }
    }

    /** Blocks until the JVM exits; the shutdown hook does the stopping. */
    static void awaitShutdown() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
