package kz.aqkol.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' {@code amtool} (Debian's {@code prometheus-alertmanager}; {@code AQKOL_AMTOOL} names another) run as
 * a process against a URL, with a bearer token through its {@code --http.config.file} and without its version
 * check (alert-service is not an Alertmanager release, and amtool would warn so on every call). When it is missing the
 * tests fail, saying what to install ({@code .ci/run} installs it).
 */
public final class Amtool {

    /** The columns of {@code amtool alert query} and {@code amtool silence query}. */
    public static final String[] ALERT_COLUMNS = {"Alertname", "Starts At", "Summary", "State"};
    public static final String[] SILENCE_COLUMNS = {"ID", "Matchers", "Ends At", "Created By", "Comment"};

    private final String url;
    private final Path httpConfig;

    private Amtool(String url, Path httpConfig) {
        this.url = url;
        this.httpConfig = httpConfig;
    }

    public static Amtool at(String url, String token) {
        try {
            Path config = Files.createTempFile("amtool-http", ".yml");
            config.toFile().deleteOnExit();
            Files.writeString(config, "authorization:\n  type: Bearer\n  credentials: " + token + "\n");
            return new Amtool(url, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binary() {
        return InstalledTool.find("amtool", "AQKOL_AMTOOL", "prometheus-alertmanager").toString();
    }

    /** Runs {@code amtool <args>}; returns what it printed. */
    public Result run(String... args) {
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

    public record Result(int exit, String out, String err) {

        /** The lines printed, each with its trailing blanks (amtool pads columns) removed. */
        public List<String> lines() {
            return out.lines().map(String::stripTrailing).toList();
        }
    }

    /** The table amtool prints (Go's tabwriter: each column as wide as its widest cell, plus two blanks). */
    public static List<String> table(String[] header, String[]... rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(List.of(rows));
        int[] widths = new int[header.length];
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return all.stream().map(row -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            return line.toString().stripTrailing();
        }).toList();
    }
}
