package kz.aqkol.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    @Test
    void byDefaultTheUnresolvedAlertsOnDuty() {
        AlertFilter filter = AlertFilter.of(null, null, null, null);
        assertThat(filter.statuses()).containsExactly("OPEN", "ACKNOWLEDGED");
        assertThat(filter.purpose().header()).isEqualTo("SAFETY");
        assertThat(filter.page()).isEqualTo("/console/alerts?show=unresolved&purpose=SAFETY");
    }

    @Test
    void anActionReturnsToTheSameListAndNothingElse() {
        AlertFilter filter = AlertFilter.of("RESOLVED", "CRITICAL", "COMPLAINT", "T-1");
        assertThat(filter.statuses()).containsExactly("RESOLVED");
        assertThat(filter.page()).isEqualTo("/console/alerts?show=RESOLVED&severity=CRITICAL&purpose=COMPLAINT&note=T-1");
        // values not on the lists fall back to the defaults, so no form can send the person elsewhere
        AlertFilter forged = AlertFilter.of("https://evil.example", "LOUD", null, null);
        assertThat(forged.show()).isEqualTo("unresolved");
        assertThat(forged.severity()).isNull();
        assertThat(AlertFilter.of("all", null, null, null).statuses()).isEqualTo(List.of(""));
    }
}
