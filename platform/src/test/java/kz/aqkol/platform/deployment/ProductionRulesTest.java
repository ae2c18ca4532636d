package kz.aqkol.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProductionRulesTest {

    @Test
    void productionKeepsTheRealTimeAndTrustsOnlyTheVillagesIdentityProvider() {
        assertThat(ProductionRules.violations(Duration.ZERO, "https://id.aqkol.example/realms/aqkol")).isEmpty();
        assertThat(ProductionRules.violations(Duration.ofDays(66), "https://id.aqkol.example/realms/aqkol"))
                .singleElement().asString().contains("aqkol.clock.offset is PT1584H");
        assertThat(ProductionRules.violations(Duration.ofSeconds(-1), "https://id.aqkol.example/realms/aqkol"))
                .hasSize(1);
        assertThat(ProductionRules.violations(Duration.ZERO, ProductionRules.DEV_ISSUER))
                .singleElement().asString().contains("development issuer");
        assertThat(ProductionRules.violations(Duration.ofDays(1), ProductionRules.DEV_ISSUER)).hasSize(2);
    }
}
