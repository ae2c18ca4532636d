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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevIssuer;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.FootageRecorder;
import kz.aqkol.devstack.Postgres;
import kz.aqkol.devstack.payments.PaymentSandbox;

/**
 * {@code ./aqkol up}: the whole village on one machine — the MQTT broker, PostgreSQL, the payment sandbox and the
 * four services as separate processes on the local defaults — in the foreground until Ctrl-C, which stops all of it.
 * The data stays in {@code .aqkol/} between runs, so the meters and accounts made today are still there tomorrow.
 *
 * <p>With {@code --replicas N} each service runs as N processes ({@link Replica}): one database and one share group
 * per service, an MQTT client id and an HTTP port per replica, as a StatefulSet runs them. The other services, the
 * portal and the payment sandbox talk to replica 1; a test or a person talks to any.
 *
 * <p>The demo, the fault drills and the cross-service tests drive the same stack: they may give a service extra
 * configuration, kill a replica, start it again, and stop and start PostgreSQL or the broker under it. A method that
 * names a service and no replica means replica 1.
 */
public final class LocalStack implements AutoCloseable {

    // a JVM took 175 s to start on 2 cores shared with three other builds (load average 28)
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final Path root;
    private final Path home;
    private final StackPorts ports;
    private final ServiceConfiguration serviceConfiguration;
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
    private FootageRecorder recorder;
    // service by service, replica 1 first
    private final Map<Replica, ServiceProcess> services = new TreeMap<>(
            Comparator.comparing(Replica::service).thenComparing(Replica::number));
    private final Map<String, String> portalConfiguration = new LinkedHashMap<>();
    private ServiceProcess portal;

    /** The stack of {@code ./aqkol up}: the documented ports, or those the environment names. */
    public LocalStack(Path root, Path home) {
        this(root, home, 1);
    }

    /**
     * The stack of {@code ./aqkol up --replicas N}: {@code replicas} of each service, replica k on the service's
     * port + {@value Replica#PORT_STEP}·(k−1).
     */
    public LocalStack(Path root, Path home, int replicas) {
        this(root, home, StackPorts.configured(replicas));
    }

    private LocalStack(Path root, Path home, StackPorts ports) {
        this.root = root;
        this.home = home;
        this.ports = ports;
        this.serviceConfiguration = new ServiceConfiguration(home, ports);
    }

    /** A stack on ports nobody uses now, beside whatever else runs on the machine (tests, drills). */
    public static LocalStack onFreePorts(Path root, Path home) {
        return onFreePorts(root, home, 1);
    }

    /** As {@link #onFreePorts(Path, Path)}, with {@code replicas} of each service. */
    public static LocalStack onFreePorts(Path root, Path home, int replicas) {
        return new LocalStack(root, home, StackPorts.free(replicas));
    }

    /** How many replicas of each service this stack runs. */
    public int replicas() {
        return ports.replicas();
    }

    /**
     * Gives {@code service} (every replica of it) one more configuration property (a {@code -D} option) from its next
     * start on.
     */
    public LocalStack configure(Service service, String key, String value) {
        configuration.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Sets a configuration property of the portal, as {@link #configure} does a service's. */
    public LocalStack configurePortal(String key, String value) {
        portalConfiguration.put(key, value);
        return this;
    }

    /** Starts everything and reports when it is ready; then returns only when the JVM is shutting down. */
    void up() {
        Instant begin = Instant.now();
        if (startAll()) {
            printSummary(everything(), Duration.between(begin, Instant.now()));
            awaitShutdown();
        }
    }

    /**
     * Starts everything and waits until all is ready, leaving it running until {@link #close()} or the JVM's exit;
     * false if the JVM began shutting down (Ctrl-C) first. Every replica starts at once: on a small machine the
     * JVMs' start-up is bound by its cores, and starting replica 2 only when replica 1 is ready (a StatefulSet's
     * OrderedReady) took longer in all, each wave waiting for its slowest.
     */
    public boolean startAll() {
        ports.refuseTaken();
        Runtime.getRuntime().addShutdownHook(hook);
        awaitReady(start());
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
    /** The simulated recorder (NVR) where camera-service's purges delete snapshots. */
    public synchronized FootageRecorder footageRecorder() {
        if (recorder == null) {
            throw new IllegalStateException("the footage recorder was not started");
        }
        return recorder;
    }

    public synchronized String paymentSandboxUrl() {
        if (payments == null) {
            throw new IllegalStateException("the payment sandbox was not started");
        }
        return payments.url();
    }

    /** The base URL of a started service (its replica 1). */
    public String url(Service service) {
        return url(service, 1);
    }

    /** The base URL of replica {@code replica} (from 1) of a started service. */
    public synchronized String url(Service service, int replica) {
        return process(service, replica).url().toString();
    }

    /** The portal's base URL: public pages at /, residents' at /me, staff's at /console. */
    public synchronized String portalUrl() {
        if (portal == null) {
            throw new IllegalStateException("the portal was not started");
        }
        return portal.url().toString();
    }

    /** The development sign-in's base URL (an OpenID Connect provider; its discovery document under it). */
    public synchronized String signInUrl() {
        if (issuer == null) {
            throw new IllegalStateException("the stack was not started");
        }
        return issuer.url();
    }

    /** Where a service (its replica 1) writes its log. */
    public Path log(Service service) {
        return log(service, 1);
    }

    /** Where a replica writes its log: {@code logs/<module>.log} for replica 1, {@code <module>-<k>.log} for k. */
    public synchronized Path log(Service service, int replica) {
        return process(service, replica).log();
    }

    /** Whether a service (its replica 1) answers its readiness check with 200 now. */
    public boolean isReady(Service service) {
        return isReady(service, 1);
    }

    public boolean isReady(Service service, int replica) {
        return process(service, replica).isReady(http);
    }

    /** The operating system's id of a service's (its replica 1's) current process: a new one after a restart. */
    public long pid(Service service) {
        return pid(service, 1);
    }

    public synchronized long pid(Service service, int replica) {
        return process(service, replica).pid();
    }

    /** Kills a service (its replica 1) the way a crash or the OOM killer would (SIGKILL): nothing flushed. */
    public void kill(Service service) {
        kill(service, 1);
    }

    /** Kills one replica with SIGKILL; the others go on, as the rest of a StatefulSet would. */
    public void kill(Service service, int replica) {
        process(service, replica).kill();
    }

    /** Starts a service (its replica 1) again after {@link #kill}, and waits until it is ready. */
    public void start(Service service) {
        start(service, 1);
    }

    /**
     * Starts a replica again after {@link #kill}, under its old name (client id, port, log), as a StatefulSet
     * restarts a pod, with its service's configuration as it is now; waits until it is ready.
     */
    public void start(Service service, int replica) {
        ServiceProcess process;
        synchronized (this) {
            if (process(service, replica).exitCode().isEmpty()) {
                throw new IllegalStateException(process(service, replica).name() + " still runs");
            }
            process = startProcess(new Replica(service, replica), createDirectory(home.resolve("logs")));
        }
        awaitReady(List.of(process));
    }

    /** Stops a service (its replica 1) gracefully (SIGTERM), then starts it again and waits until ready. */
    public void restart(Service service) {
        restart(service, 1);
    }

    /** Stops a replica gracefully (SIGTERM, as Kubernetes does), then starts it again and waits until ready. */
    public void restart(Service service, int replica) {
        ServiceProcess process = process(service, replica);
        process.terminate();
        if (!process.awaitExit(Instant.now().plus(STOP_GRACE))) {
            out.printf("  %s did not stop within %d s: killed%n", process.name(), STOP_GRACE.toSeconds());
        }
        start(service, replica);
    }

    /** Prints the URLs and tokens, as {@code up} does once all is ready. */
    public synchronized void printSummary() {
        printSummary(everything(), null);
    }

    private synchronized List<ServiceProcess> everything() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        if (portal != null) {
            all.add(portal);
        }
        return all;
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
        StackPorts.configured(1).refuseTaken();
    }

    private synchronized List<ServiceProcess> start() {
        if (stopping) {
            return List.of();
        }
        out.println("Starting PostgreSQL and the MQTT broker (data in " + shown(home) + "/)...");
        stack = DevStack.start(home, ports.postgres().number(), ports.mqtt().number(), true);
        out.println("  " + stack.postgres());
        out.println("  " + stack.broker());
        for (Service service : Service.values()) {
            stack.postgres().ensureDatabase(service.database());
        }
        issuer = DevIssuer.start(0, stack.tokens(), serviceConfiguration.clients());
        payments = PaymentSandbox.start(ports.payments().number(), "http://127.0.0.1:" + ports.of(Service.BILLING)
                + "/payments/providers/" + PaymentSandbox.NAME + "/callbacks",
                DevSecret.in(serviceConfiguration.paymentSecret()));
        out.println("  payment sandbox at " + payments.url());
        recorder = FootageRecorder.start(DevSecret.in(serviceConfiguration.recorderToken()));
        out.println("  simulated footage recorder at " + recorder.url());

        Path logs = createDirectory(home.resolve("logs"));
        out.println("Starting the services (logs in " + shown(home) + "/logs/)...");
        List<ServiceProcess> started = new ArrayList<>();
        for (Replica replica : ports.replicaList()) {
            started.add(startProcess(replica, logs));
        }
        Map<String, String> portalProperties = new LinkedHashMap<>(serviceConfiguration.portalProperties(issuer));
        portalProperties.putAll(portalConfiguration);
        portal = ServiceProcess.start("portal", "portal/target/quarkus-app", ports.portal().number(), root,
                portalProperties, serviceConfiguration.portalEnvironment(), logs.resolve("portal.log"));
        started.add(portal);
        return started;
    }


    private ServiceProcess startProcess(Replica replica, Path logs) {
        Service service = replica.service();
        Map<String, String> properties = serviceConfiguration.properties(replica, stack, issuer, payments,
                configuration.getOrDefault(service, Map.of()));
        if (service == Service.CAMERA) {
            properties.putIfAbsent("aqkol.camera.recorder.url", recorder.url());
            properties.putIfAbsent("aqkol.camera.recorder.token-file", serviceConfiguration.recorderToken().toString());
        }
        ServiceProcess process = ServiceProcess.start(replica.name(), service.application(), ports.of(replica), root,
                properties, serviceConfiguration.environment(service), logs.resolve(replica.name() + ".log"));
        services.put(replica, process);
        return process;
    }

    private synchronized ServiceProcess process(Service service, int replica) {
        if (replica < 1 || replica > ports.replicas()) {
            throw new IllegalArgumentException("this stack runs replicas 1 to " + ports.replicas() + " of "
                    + service.module() + ", not " + replica);
        }
        ServiceProcess process = services.get(new Replica(service, replica));
        if (process == null) {
            throw new IllegalStateException(service.module() + " was not started");
        }
        return process;
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
                    out.printf("  %-18s ready in %s%n", service.name(), seconds(service.uptime()));
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
            if (service == portal) {
                out.printf("  %-18s %-23s public pages; /me for residents, /console for staff (sign-in: pick a role)%n",
                        service.name(), service.url());
            } else {
                out.printf("  %-18s %-23s Swagger UI %s/q/swagger-ui%n", service.name(), service.url(),
                        service.url());
            }
        }
        if (ports.replicas() > 1) {
            out.printf("  %-18s %d of each service, one share group per service; the portal, the payment sandbox "
                    + "and the services call replica 1%n", "Replicas", ports.replicas());
        }
        out.printf("  %-18s tcp://%s:%d%n", "MQTT broker", stack.broker().host(), stack.broker().port());
        out.printf("  %-18s %-23s POST /checkouts/{providerReference}/confirm | decline | refund%n",
                "Payment sandbox", payments.url());
        Postgres postgres = stack.postgres();
        String databases = Arrays.stream(Service.values()).map(Service::database).collect(Collectors.joining(", "));
        out.printf("  %-18s %s:%d, user %s, databases %s%n", "PostgreSQL", postgres.host(), postgres.port(),
                postgres.user(), databases);
        out.printf("  %-18s %s/logs/%n", "Logs", shown(home));

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
            List<ServiceProcess> running = everything();
            if (running.isEmpty() && stack == null && payments == null) {
                return;
            }
            if (!running.isEmpty()) {
                out.println("Stopping the services...");
                running.forEach(ServiceProcess::terminate);
                Instant deadline = Instant.now().plus(STOP_GRACE);
                for (ServiceProcess service : running) {
                    if (!service.awaitExit(deadline)) {
                        out.printf("  %s did not stop within %d s: killed%n", service.name(), STOP_GRACE.toSeconds());
                    }
                }
                services.clear();
                portal = null;
            }
            if (issuer != null) {
                issuer.close();
                issuer = null;
            }
            if (payments != null) {
                payments.close();
                payments = null;
            }
            if (recorder != null) {
                recorder.close();
                recorder = null;
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
