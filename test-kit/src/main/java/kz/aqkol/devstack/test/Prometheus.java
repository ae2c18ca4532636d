package kz.aqkol.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus}; {@code AQKOL_PROMETHEUS} names another) whose only job is
 * to evaluate one rule file every second and send what fires to alert-service, configured as its Alertmanager with
 * a bearer token, exactly as an operator's Prometheus would be. The rules can be replaced while it runs
 * ({@code /-/reload}); its log is kept to explain a failure.
 */
public final class Prometheus implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private Prometheus(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with {@code rules}, sending alerts to the alert-service at {@code alertService}'s address. */
    public static Prometheus start(String alertService, String token, String rules) {
        URI target = URI.create(alertService);
        Path binary = InstalledTool.find("prometheus", "AQKOL_PROMETHEUS", "prometheus");
        try {
            Path dir = Files.createTempDirectory("prometheus");
            Files.writeString(dir.resolve("rules.yml"), rules);
            Files.writeString(dir.resolve("token"), token);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      evaluation_interval: 1s
                    rule_files: [rules.yml]
                    alerting:
                      alertmanagers:
                        - api_version: v2
                          scheme: http
                          authorization:
                            type: Bearer
                            credentials_file: token
                          static_configs:
                            - targets: ["%s:%d"]
                    """.formatted(target.getHost(), target.getPort()));
            int port = freePort();
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-lifecycle",
                    "--rules.alert.resend-delay=1s",
                    "--log.level=debug")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            return new Prometheus(dir, process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the rule file and has Prometheus read it again. */
    public void replaceRules(String rules) {
        try {
            Files.writeString(dir.resolve("rules.yml"), rules);
            HttpResponse<String> reloaded = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reloaded.statusCode()).as("Prometheus reloads its rules: %s", reloaded.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines Prometheus logged, to say why an alert did not arrive. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
