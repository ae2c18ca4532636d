package kz.aqkol.alert.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.aqkol.devstack.test.InstalledTool;

/**
 * Prometheus' {@code amtool} (Debian's {@code prometheus-alertmanager}; {@code AQKOL_AMTOOL} names another) run as
 * a process against a URL, with a bearer token through its {@code --http.config.file} and without its version
 * check (alert-service is not an Alertmanager release, and amtool would warn so on every call). When it is missing the
 * tests fail, saying what to install ({@code .ci/run} installs it).
 */
final class Amtool {

    private final String url;
    private final Path httpConfig;

    private Amtool(String url, Path httpConfig) {
        this.url = url;
        this.httpConfig = httpConfig;
    }

    static Amtool at(String url, String token) {
        try {
            Path config = Files.createTempFile("amtool-http", ".yml");
            config.toFile().deleteOnExit();
            Files.writeString(config, "authorization:\n  type: Bearer\n  credentials: " + token + "\n");
            return new Amtool(url, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String binary() {
        return InstalledTool.find("amtool", "AQKOL_AMTOOL", "prometheus-alertmanager").toString();
    }

    /** Runs {@code amtool <args>}; returns what it printed. */
    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary(), "--alertmanager.url=" + url,
                "--http.config.file=" + httpConfig, "--no-version-check", "--date.format=2006-01-02T15:04:05Z07:00"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("amtool", ".out");
            Path err = Files.createTempFile("amtool", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("amtool " + String.join(" ", args) + " ends")
                    .isTrue();
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exit, String out, String err) {

        /** The lines printed, each with its trailing blanks (amtool pads columns) removed. */
        List<String> lines() {
            return out.lines().map(String::stripTrailing).toList();
        }
    }
}
