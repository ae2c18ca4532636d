package kz.aqkol.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards in docs/grafana query only metrics of the table in docs/operations.md, which every
 * service's IT checks against its live /q/metrics: a panel on a renamed or invented metric fails here.
 */
class GrafanaDashboardTest {

    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    @Test
    void everyDashboardQueriesOnlyDocumentedMetrics() throws IOException {
        MetricCatalogue catalogue = MetricCatalogue.documented();
        List<String> used = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(MetricCatalogue.repositoryRoot().resolve("docs/grafana"))) {
            for (Path dashboard : dashboards.filter(path -> path.toString().endsWith(".json")).toList()) {
                for (String expr : expressions(new ObjectMapper().readTree(dashboard.toFile()))) {
                    used.addAll(metricNames(expr));
                }
            }
        }
        assertThat(used).as("metrics the dashboards query").isNotEmpty()
                .contains("aqkol_messages_handled_total", "jvm_memory_used_bytes");
        assertThat(used).as("metrics the dashboards query and docs/operations.md does not list")
                .allMatch(catalogue::documents);
    }

    @Test
    void aMetricNoServiceExposesIsNotDocumentedAndSummarySeriesBelongToTheirFamily() {
        MetricCatalogue catalogue = MetricCatalogue.documented();
        assertThat(metricNames("sum(rate(aqkol_readings_handled_total[5m]))"))
                .containsExactly("aqkol_readings_handled_total");
        assertThat(catalogue.documents("aqkol_readings_handled_total")).isFalse();
        assertThat(catalogue.documents("aqkol_intake_commit_seconds_count")).isTrue();
        assertThat(catalogue.documents("aqkol_intake_commit_seconds_total")).isFalse();
    }

    @Test
    void metricNamesAreReadFromQueriesWithoutFunctionsLabelsOrGroupings() {
        assertThat(metricNames("sum by (channel) (rate(aqkol_intake_commit_seconds_sum{service=\"x\"}[5m])) "
                + "/ sum by (channel) (rate(aqkol_intake_commit_seconds_count[5m]))"))
                .containsExactly("aqkol_intake_commit_seconds_sum", "aqkol_intake_commit_seconds_count");
        assertThat(metricNames("max by (channel) (aqkol_intake_lag_seconds{quantile=\"0.99\"}) > 1"))
                .containsExactly("aqkol_intake_lag_seconds");
    }

    private static List<String> expressions(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                } else {
                    found.addAll(expressions(field.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> found.addAll(expressions(element)));
        }
        return found;
    }

    static List<String> metricNames(String expr) {
        String bare = GROUPINGS.matcher(RANGES.matcher(LABEL_MATCHERS.matcher(expr).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        List<String> names = new ArrayList<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
