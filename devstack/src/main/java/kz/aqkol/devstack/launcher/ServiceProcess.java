package kz.aqkol.devstack.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service in its own JVM, started the way it runs in production ({@code java -jar quarkus-run.jar}) so that
 * what works locally works there, its output in a log file. The launcher starts it, asks whether it is ready,
 * shows the end of its log when it fails, and stops it together with anything it started.
 */
final class ServiceProcess {

    private static final String HOST = "127.0.0.1";
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The class-data-sharing archive the build writes beside the jar. It holds the class path as the build gave it
     * ({@code quarkus-run.jar}, relative), so the service runs from its own directory: every path the launcher
     * passes is absolute.
     */
    private static final String CLASS_ARCHIVE = "app-cds.jsa";

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Instant startedAt;
    private List<ProcessHandle> descendants = List.of();

    private ServiceProcess(String name, int port, Process process, Path log, Instant startedAt) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * Starts {@code service} from {@code root} on {@code port} with the configuration in {@code properties}
     * (passed as {@code -D} options) and {@code environment}, its output replacing what is in {@code log}. It runs as
     * a development deployment (dev tokens, loopback webhooks) unless {@code properties} say otherwise.
     */
    static ServiceProcess start(Service service, int port, Path root, Map<String, String> properties,
                                Map<String, String> environment, Path log) {
        return start(service.module(), service.application(), port, root, properties, environment, log);
    }

    /** Starts the Quarkus app the build left in {@code application} (relative to {@code root}), named {@code name}. */
    static ServiceProcess start(String name, String application, int port, Path root, Map<String, String> properties,
                                Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.host=" + HOST);
        command.add("-Dquarkus.http.port=" + port);
        if (!properties.containsKey("aqkol.deployment")) {
            command.add("-Daqkol.deployment=development");
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        Path folder = root.resolve(application);
        if (Files.exists(folder.resolve(CLASS_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE);
        }
        command.add("-jar");
        command.add("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(name, port, builder.start(), log, Instant.now());
        } catch (IOException e) {
            throw CommandFailure.failed("cannot start " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    URI url() {
        return URI.create("http://" + HOST + ":" + port);
    }

    Path log() {
        return log;
    }

    Duration uptime() {
        return Duration.between(startedAt, Instant.now());
    }

    /** Whether the service answers its readiness check with 200: database, broker and all up. */
    boolean isReady(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/q/health/ready"))
                .timeout(READINESS_TIMEOUT)
                .build();
        try {
            return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** The exit code once the process has ended; empty while it runs. */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The last {@code count} lines of the service's log. */
    List<String> tailOfLog(int count) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** Asks the service, and anything it started, to shut down gracefully (SIGTERM), as Kubernetes would. */
    void terminate() {
        // taken before the parent goes, after which its children can no longer be found through it
        descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
    }

    /** Kills the service and anything it started at once (SIGKILL), and waits until they are gone. */
    void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.toHandle().onExit().join();
        children.forEach(child -> child.onExit().join());
    }

    /**
     * Waits until {@code deadline} for what {@link #terminate()} stopped to be gone, and kills what is left then.
     * Returns whether everything ended on its own.
     */
    boolean awaitExit(Instant deadline) {
        boolean graceful = exitsBy(process.toHandle(), deadline);
        for (ProcessHandle descendant : descendants) {
            graceful &= exitsBy(descendant, deadline);
        }
        return graceful;
    }

    private static boolean exitsBy(ProcessHandle handle, Instant deadline) {
        long millisLeft = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            handle.onExit().get(millisLeft, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return false;
        }
    }
}
