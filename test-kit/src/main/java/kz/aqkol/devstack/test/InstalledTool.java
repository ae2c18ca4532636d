package kz.aqkol.devstack.test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program of the other side's that some tests drive (promtool, amtool, Prometheus, Chromium), found on the
 * {@code PATH} or named by an environment variable. Where it is missing the test is skipped, saying which Debian
 * package brings it, unless {@code AQKOL_REQUIRE_TOOLS} is set ({@code .ci/run} installs the packages and sets it):
 * then it fails.
 */
public final class InstalledTool {

    private InstalledTool() {
    }

    /** The program {@code name}, or {@code $variable} when that is set; {@code debianPackage} is what brings it. */
    public static Path find(String name, String variable, String debianPackage) {
        return locate(name, variable).orElseGet(() -> {
            String missing = name + " is not installed: apt-get install " + debianPackage
                    + " (.ci/run does), or set " + variable;
            assumeTrue(System.getenv("AQKOL_REQUIRE_TOOLS") != null, missing);
            throw new AssertionError(missing);
        });
    }

    /**
     * The program {@code name} found on the {@code PATH}, or {@code $variable} as given when that is set (a wrong
     * path then fails where it is run, rather than skipping quietly); empty when it is not found.
     */
    public static Optional<Path> locate(String name, String variable) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable)
                .findFirst();
    }
}
