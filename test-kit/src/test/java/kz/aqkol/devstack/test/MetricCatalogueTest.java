package kz.aqkol.devstack.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {

    private static final MetricCatalogue TABLE = MetricCatalogue.parse(List.of(
            "### Metrics",
            "| metric | type | labels | exposed by | meaning |",
            "|---|---|---|---|---|",
            "| `aqkol_everywhere_total` | counter | | every service | x |",
            "| `aqkol_timed_seconds` | summary (`quantile` 0.5) | | every service | x |",
            "| `aqkol_ours_total` | counter | `outcome` | billing-service, once used | x |",
            "| `aqkol_level` | gauge | | camera-service | x |"));

    @Test
    void aFamilyIsDocumentedOnlyForTheServicesItsRowNames() {
        assertThat(TABLE.documentsFamilyOf("aqkol_everywhere_total", "alert-service")).isTrue();
        assertThat(TABLE.documentsFamilyOf("aqkol_ours_total", "billing-service")).isTrue();
        assertThat(TABLE.documentsFamilyOf("aqkol_ours_total", "camera-service")).isFalse();
        assertThat(TABLE.documentsFamilyOf("aqkol_level", "billing-service")).isFalse();
        assertThat(TABLE.documentsFamilyOf("aqkol_undocumented_total", "billing-service")).isFalse();
    }

    @Test
    void aSummarysMaxGaugeIsItsButNoOtherMetricsIs() {
        assertThat(TABLE.documentsFamilyOf("aqkol_timed_seconds", "camera-service")).isTrue();
        assertThat(TABLE.documentsFamilyOf("aqkol_timed_seconds_max", "camera-service")).isTrue();
        assertThat(TABLE.documentsFamilyOf("aqkol_level_max", "camera-service")).isFalse();
        assertThat(TABLE.documentsFamilyOf("aqkol_everywhere_total_max", "camera-service")).isFalse();
    }
}
