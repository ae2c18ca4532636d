package kz.aqkol.devstack.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool check metrics}: the strict text-format parser and linter scrapers use. Debian's
 * {@code prometheus} package brings it ({@code .ci/run} installs it when missing); {@code AQKOL_PROMTOOL} names
 * another binary. Without it a check fails rather than passing unchecked.
 */
public final class Promtool {

    private Promtool() {
    }

    /**
     * What promtool said of one page: its exit code and its output. It exits 1 when the page does not parse
     * ("text format parsing error") and 3 when it parses but its linter has findings, one line each.
     */
    public record Verdict(int exitCode, String output) {

        private static final int LINT_FINDINGS = 3;

        public boolean parsed() {
            return (exitCode == 0 || exitCode == LINT_FINDINGS) && !output.contains("error while linting");
        }

        /** The linter's findings on metrics whose name starts with {@code prefix}. */
        public List<String> lintFindingsOn(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix)).toList();
        }
    }

    /** Runs {@code promtool check metrics} on {@code page}, given on stdin as a scraper would read it. */
    public static Verdict checkMetrics(String page) {
        try {
            Process process = new ProcessBuilder(binary().toString(), "check", "metrics").redirectErrorStream(true)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(page.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish within 60 s");
            }
            return new Verdict(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binary() {
        return InstalledTool.find("promtool", "AQKOL_PROMTOOL", "prometheus");
    }
}
