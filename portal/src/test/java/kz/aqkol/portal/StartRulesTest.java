package kz.aqkol.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartRulesTest {

    @Test
    void theVillagesProviderOverHttpsIsAllowed() {
        assertThat(StartRules.violations("https://id.aqkol.example/realms/aqkol")).isEmpty();
    }

    @Test
    void theDevelopmentSignInIsRefused() {
        assertThat(StartRules.violations("http://127.0.0.1:8099")).hasSize(2);
        assertThat(StartRules.violations("https://localhost:8443")).hasSize(1);
        assertThat(StartRules.violations("http://id.aqkol.example/realms/aqkol")).hasSize(1);
        assertThat(StartRules.violations("")).isNotEmpty();
    }
}
