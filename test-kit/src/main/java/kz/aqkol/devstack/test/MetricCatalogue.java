package kz.aqkol.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of metrics in docs/operations.md ("Metrics"), read as the services' ITs check it: every metric a
 * service exposes from its start must be on its /q/metrics page, and the Grafana dashboard may use only these.
 */
public final class MetricCatalogue {

    private static final String HEADING = "### Metrics";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_:][a-z0-9_:]*)` \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|");
    private static final List<String> SERIES_SUFFIXES = List.of("", "_sum", "_count", "_bucket");

    /** One documented metric: its family name as on the text format's {@code # TYPE} line, and who exposes it. */
    public record Metric(String name, String type, String exposedBy) {

        /** Exposed by this service from its start (rows saying "once used" appear only after a first use). */
        public boolean exposedFromStartBy(String service) {
            return !exposedBy.contains("once used")
                    && (exposedBy.contains("every service") || exposedBy.contains(service));
        }

        /** Whether this service may expose it (at its start or once used). */
        public boolean exposableBy(String service) {
            return exposedBy.contains("every service") || exposedBy.contains(service);
        }

        /** Whether a {@code # TYPE} family is this metric or, for a summary or timer, its {@code _max} gauge. */
        boolean isFamily(String family) {
            return family.equals(name) || (type.startsWith("summary") && family.equals(name + "_max"));
        }

        /** Whether a query's series name is this family or one of its summary/histogram series. */
        boolean names(String series) {
            return SERIES_SUFFIXES.stream().anyMatch(suffix -> series.equals(name + suffix));
        }
    }

    private final List<Metric> metrics;

    private MetricCatalogue(List<Metric> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    /** Reads the table from docs/operations.md of the checkout the test runs in. */
    public static MetricCatalogue documented() {
        Path doc = repositoryRoot().resolve("docs/operations.md");
        try {
            return parse(Files.readAllLines(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricCatalogue parse(List<String> lines) {
        List<Metric> metrics = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.strip().equals(HEADING);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                metrics.add(new Metric(row.group(1), row.group(2).strip(), row.group(4).strip()));
            }
        }
        if (metrics.isEmpty()) {
            throw new AssertionError("docs/operations.md has no table of metrics under \"" + HEADING + "\"");
        }
        return new MetricCatalogue(metrics);
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** Whether {@code series} (as a query writes it, e.g. {@code x_seconds_count}) is a documented metric's. */
    public boolean documents(String series) {
        return metrics.stream().anyMatch(metric -> metric.names(series));
    }

    /** Whether {@code family} (a {@code # TYPE} line's name) is documented as one {@code service} may expose. */
    public boolean documentsFamilyOf(String family, String service) {
        return metrics.stream().anyMatch(metric -> metric.isFamily(family) && metric.exposableBy(service));
    }

    /** The directory holding docs/: the test's working directory (a module) or one of its parents. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/operations.md"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/operations.md above " + Path.of("").toAbsolutePath());
    }
}
