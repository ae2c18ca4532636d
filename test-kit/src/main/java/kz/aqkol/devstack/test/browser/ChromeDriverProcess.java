package kz.aqkol.devstack.test.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.aqkol.devstack.FreePort;

/**
 * chromedriver started by us rather than by Selenium, so that nothing (no Selenium Manager) ever looks for or
 * downloads a driver, and so that closing it can make sure the Chromium processes under it are gone too.
 */
final class ChromeDriverProcess {

    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final int port;
    private final Path home;

    private ChromeDriverProcess(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    /**
     * Starts {@code chromedriver} on a free port of 127.0.0.1 and waits until it is ready. Its log, and what Chromium
     * keeps outside the profile (crash reports, caches), go to {@code home}.
     */
    static ChromeDriverProcess start(Path chromedriver, Path home) {
        try {
            int port = FreePort.find();
            ProcessBuilder builder = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(home.resolve("chromedriver.log").toFile());
            builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
            builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
            ChromeDriverProcess driver = new ChromeDriverProcess(builder.start(), port, home);
            driver.awaitReady();
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URL address() {
        try {
            return URI.create("http://127.0.0.1:" + port).toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The browser's processes now: those under chromedriver (the browser, its renderers, GPU and utility helpers)
     * and its crash handlers, which detach from it but name its directory.
     */
    List<ProcessHandle> browserProcesses() {
        String dir = home.toString();
        return Stream.concat(process.descendants(), ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().filter(line -> line.contains(dir)).isPresent()))
                .filter(p -> p.pid() != process.pid()).distinct().toList();
    }

    /** Stops chromedriver, then ends whatever of {@code browser} outlived it (the session's quit ends it normally). */
    void stop(List<ProcessHandle> browser) {
        process.destroy();
        awaitExit(List.of(process.toHandle()));
        awaitExit(browser);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("chromedriver.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromedriver exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(status, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"ready\":true")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // chromedriver is still starting; ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop(browserProcesses());
        throw new IllegalStateException("chromedriver was not ready within " + READY_WITHIN + ":\n" + logTail());
    }

    /** Waits a little for {@code processes} to end, then kills those that have not. */
    private static void awaitExit(List<ProcessHandle> processes) {
        Instant deadline = Instant.now().plus(EXIT_WITHIN);
        while (processes.stream().anyMatch(ChromeDriverProcess::running) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processes.stream().filter(ChromeDriverProcess::running).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Whether {@code process} still runs. One that has ended but waits for its parent to collect its exit status
     * (a zombie: Chromium's helpers, handed to init when their parent ends first) holds nothing and counts as ended.
     */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProcFile) {
            return process.isAlive();
        }
    }
}
