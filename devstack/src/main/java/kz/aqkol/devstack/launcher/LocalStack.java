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
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevIssuer;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.Postgres;
import kz.aqkol.devstack.payments.PaymentSandbox;

/**
 * {@code ./aqkol up}: the whole village on one machine — the MQTT broker, PostgreSQL, the payment sandbox and the
 * four services as separate processes on the local defaults — in the foreground until Ctrl-C, which stops all of it. The data stays
 * in {@code .aqkol/} between runs, so the meters and accounts made today are still there tomorrow.
 *
 * <p>The demo, the fault drills and the cross-service tests drive the same stack: they may give a service extra
 * configuration, kill it, start it again, and stop and start PostgreSQL or the broker under it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;
    /** Which services each service may get a token for (the identity provider's allow-list): bill runs only. */
    private static final Map<Service, Set<String>> CALLS = Map.of(Service.BILLING, Set.of(Service.METERING.module()));

    private final Path root;
    private final Path home;
    private final LocalPort pgPort;
    private final LocalPort mqttPort;
    private final LocalPort paymentsPort;
    private final Map<Service, LocalPort> servicePorts;
    private final Map<Service, Map<String, String>> configuration = new EnumMap<>(Service.class);
    private final PrintStream out = System.out;
    private final Thread hook = new Thread(this::stop, "aqkol-stop");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    // Set by the shutdown hook, read by the start-up that may still be running while it stops things.
    private volatile boolean stopping;
    // What was started, guarded by this: the shutdown hook stops exactly that, once start-up has let go of it.
    private DevStack stack;
    private DevIssuer issuer;
    private PaymentSandbox payments;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);

    /** The stack of {@code ./aqkol up}: the documented ports, or those the environment names. */
    public LocalStack(Path root, Path home) {
        this(root, home, pgPort(), mqttPort(), paymentsPort(), configuredServicePorts());
    }

    private LocalStack(Path root, Path home, LocalPort pgPort, LocalPort mqttPort, LocalPort paymentsPort,
                       Map<Service, LocalPort> servicePorts) {
        this.root = root;
        this.home = home;
        this.pgPort = pgPort;
        this.mqttPort = mqttPort;
        this.paymentsPort = paymentsPort;
        this.servicePorts = servicePorts;
    }

    /** A stack on ports nobody uses now, beside whatever else runs on the machine (tests, drills). */
    public static LocalStack onFreePorts(Path root, Path home) {
        Map<Service, LocalPort> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, LocalPort.free());
        }
        return new LocalStack(root, home, LocalPort.free(), LocalPort.free(), LocalPort.free(), ports);
    }

    /** Gives {@code service} one more configuration property (a {@code -D} option) from its next start on. */
    public LocalStack configure(Service service, String key, String value) {
        configuration.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Starts everything and reports when it is ready; then returns only when the JVM is shutting down. */
    void up() {
        Instant begin = Instant.now();
        if (startAll()) {
            printSummary(List.copyOf(services.values()), Duration.between(begin, Instant.now()));
            awaitShutdown();
        }
    }

    /**
     * Starts everything and waits until all is ready, leaving it running until {@link #close()} or the JVM's exit;
     * false if the JVM began shutting down (Ctrl-C) first.
     */
    public boolean startAll() {
        refuseTakenPorts(pgPort, mqttPort, paymentsPort, servicePorts);
        Runtime.getRuntime().addShutdownHook(hook);
        List<ServiceProcess> started = start();
        awaitReady(started);
        return !stopping;
    }

    /** What {@link #startAll()} started: the broker, PostgreSQL and the keys. */
    public synchronized DevStack stack() {
        return stack;
    }

    /**
     * The payment sandbox billing-service sends residents' checkouts to: confirm, decline or refund one with
     * {@code POST <url>/checkouts/{reference}/confirm | decline | refund}, or leave it to time out.
     */
    public synchronized String paymentSandboxUrl() {
        if (payments == null) {
            throw new IllegalStateException("the payment sandbox was not started");
        }
        return payments.url();
    }

    /** The base URL of a started service. */
    public synchronized String url(Service service) {
        return process(service).url().toString();
    }

    /** Where a service writes its log. */
    public synchronized Path log(Service service) {
        return process(service).log();
    }

    /** Whether a service answers its readiness check with 200 now. */
    public boolean isReady(Service service) {
        return process(service).isReady(http);
    }

    /** The operating system's id of a service's current process: a new one after a restart. */
    public synchronized long pid(Service service) {
        return process(service).pid();
    }

    /** Kills a service the way a crash or the OOM killer would (SIGKILL): no shutdown, nothing flushed. */
    public void kill(Service service) {
        process(service).kill();
    }

    /** Starts a service again after {@link #kill}, with its configuration as it is now, and waits until ready. */
    public void start(Service service) {
        ServiceProcess process;
        synchronized (this) {
            if (process(service).exitCode().isEmpty()) {
                throw new IllegalStateException(service.module() + " still runs");
            }
            process = startProcess(service, createDirectory(home.resolve("logs")));
        }
        awaitReady(List.of(process));
    }

    /** Stops a service gracefully (SIGTERM, as Kubernetes does), then starts it again and waits until ready. */
    public void restart(Service service) {
        ServiceProcess process = process(service);
        process.terminate();
        if (!process.awaitExit(Instant.now().plus(STOP_GRACE))) {
            out.printf("  %s did not stop within %d s: killed%n", service.module(), STOP_GRACE.toSeconds());
        }
        start(service);
    }

    /** Prints the URLs and tokens, as {@code up} does once all is ready. */
    public synchronized void printSummary() {
        printSummary(List.copyOf(services.values()), null);
    }

    /** Stops everything, services first; also what the JVM's exit does if nobody called it. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook is what runs this
        }
    }

    /** Fails before anything starts if one of the ports is taken, naming the variable that moves it. */
    public static void refuseTakenPorts() {
        refuseTakenPorts(pgPort(), mqttPort(), paymentsPort(), configuredServicePorts());
    }

    private static Map<Service, LocalPort> configuredServicePorts() {
        Map<Service, LocalPort> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.port());
        }
        return ports;
    }

    private static LocalPort pgPort() {
        return LocalPort.from("AQKOL_PG_PORT", 15432);
    }

    private static LocalPort mqttPort() {
        return LocalPort.from("AQKOL_MQTT_PORT", 11883);
    }

    private static LocalPort paymentsPort() {
        return LocalPort.from("AQKOL_PAYMENTS_PORT", 8090);
    }

    private static void refuseTakenPorts(LocalPort pgPort, LocalPort mqttPort, LocalPort paymentsPort,
                                         Map<Service, LocalPort> servicePorts) {
        Map<String, LocalPort> needed = new LinkedHashMap<>();
        if (isUnset(DevStack.PG_URL_ENV)) {
            needed.put("PostgreSQL", pgPort);
        }
        if (isUnset(DevStack.MQTT_URL_ENV)) {
            needed.put("MQTT broker", mqttPort);
        }
        needed.put("payment sandbox", paymentsPort);
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

    private synchronized List<ServiceProcess> start() {
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
        issuer = DevIssuer.start(0, stack.tokens(), clients());
        payments = PaymentSandbox.start(paymentsPort.number(), "http://127.0.0.1:"
                + servicePorts.get(Service.BILLING).number() + "/payments/providers/" + PaymentSandbox.NAME
                + "/callbacks", DevSecret.in(paymentSecret()));
        out.println("  payment sandbox at " + payments.url());

        Path logs = createDirectory(home.resolve("logs"));
        out.println("Starting the services (logs in " + shown(home) + "/logs/)...");
        for (Service service : servicePorts.keySet()) {
            startProcess(service, logs);
        }
        return List.copyOf(services.values());
    }

    private ServiceProcess startProcess(Service service, Path logs) {
        Map<String, String> properties = serviceProperties(service);
        if (service == Service.BILLING) {
            // bill runs ask metering-service for consumption, wherever this stack put it
            properties.put("quarkus.rest-client.metering.url",
                    "http://127.0.0.1:" + servicePorts.get(Service.METERING).number());
            // residents pay through the sandbox; the secret both sign with is this stack's own, passed as its file
            properties.put("aqkol.billing.payments.sandbox.url", payments.url());
            properties.put("aqkol.billing.payments.sandbox.secret-file", paymentSecret().toString());
        }
        properties.putAll(configuration.getOrDefault(service, Map.of()));
        ServiceProcess process = ServiceProcess.start(service, servicePorts.get(service).number(), root, properties,
                serviceEnvironment(service), logs.resolve(service.module() + ".log"));
        services.put(service, process);
        return process;
    }

    private synchronized ServiceProcess process(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.module() + " was not started");
        }
        return process;
    }

    /** The payment sandbox's signing secret: made on this stack's first start, readable by its owner only. */
    private Path paymentSecret() {
        return home.resolve("secrets/payment-sandbox-secret");
    }

    /**
     * What a service is told about the local stack, as system properties; the rest is its own default. It runs as a
     * database role of its own that may only append to its audit chain (Flyway migrates as the server's user), signs
     * its audit checkpoints with its own key, and has the other three services as witnesses.
     */
    private Map<String, String> serviceProperties(Service service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.putAll(stack.postgres().runtimeServiceConfig(service.database()));
        properties.put("aqkol.mqtt.host", stack.broker().host());
        properties.put("aqkol.mqtt.port", Integer.toString(stack.broker().port()));
        properties.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        // ./aqkol token's tokens last a working day; production's provider issues them minutes long
        properties.put("mp.jwt.verify.token.age", Long.toString(Role.TOKEN_VALIDITY.toSeconds()));
        properties.put("aqkol.identity.url", issuer.url());
        properties.put("aqkol.audit.signing-key", stack.auditKeys().privateKeyFile(service.module()).toString());
        properties.put("aqkol.audit.public-keys", stack.auditKeys().publicKeysDirectory().toString());
        properties.put("aqkol.audit.witnesses", servicePorts.keySet().stream()
                .filter(other -> other != service)
                .map(other -> "http://127.0.0.1:" + servicePorts.get(other).number())
                .collect(Collectors.joining(",")));
        properties.put("aqkol.instance", "local");
        properties.put("quarkus.log.console.json.enabled", "false");
        return properties;
    }

    /**
     * Secrets go in the environment, not on the command line, which every user of the machine can read: the key
     * camera-service pseudonymises plates with, and each service's client secret at the stack's token endpoint. A
     * database password is the user's own {@code PGPASSWORD}, which the services inherit (see
     * {@link kz.aqkol.devstack.Postgres#serviceConfig()}).
     */
    private Map<String, String> serviceEnvironment(Service service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AQKOL_CAMERA_PLATE_KEY", DevSecret.in(home.resolve("secrets/camera-plate-key")));
        environment.put("AQKOL_IDENTITY_CLIENT_SECRET", clientSecret(service));
        return environment;
    }

    private String clientSecret(Service service) {
        return DevSecret.in(home.resolve("secrets/" + service.module() + "-client-secret"));
    }

    /** Every service is a client of the stack's token endpoint, allowed the audiences of {@link #CALLS}. */
    private Map<String, DevIssuer.Client> clients() {
        Map<String, DevIssuer.Client> clients = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            clients.put(service.module(), new DevIssuer.Client(clientSecret(service),
                    CALLS.getOrDefault(service, Set.of())));
        }
        return clients;
    }

    /**
     * Polls the services until all are ready, showing progress; fails with the end of its log for the first one that
     * exits or is not ready in time.
     */
    private void awaitReady(List<ServiceProcess> started) {
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
        out.printf("  %-16s %-23s POST /checkouts/{providerReference}/confirm | decline | refund%n",
                "Payment sandbox", payments.url());
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
            if (services.isEmpty() && stack == null && payments == null) {
                return;
            }
            if (!services.isEmpty()) {
                out.println("Stopping the services...");
                services.values().forEach(ServiceProcess::terminate);
                Instant deadline = Instant.now().plus(STOP_GRACE);
                for (ServiceProcess service : services.values()) {
                    if (!service.awaitExit(deadline)) {
                        out.printf("  %s did not stop within %d s: killed%n", service.name(), STOP_GRACE.toSeconds());
                    }
                }
                services.clear();
            }
            if (issuer != null) {
                issuer.close();
                issuer = null;
            }
            if (payments != null) {
                payments.close();
                payments = null;
            }
            if (stack != null) {
                out.println("Stopping the MQTT broker and PostgreSQL...");
                stack.close();
                stack = null;
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
    public static void awaitShutdown() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
