package kz.aqkol.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.config.BillingConfig;
import org.junit.jupiter.api.Test;

/** The protection rule at its edges, configured as application.properties ships it (heating season October–April). */
class ProtectionRuleTest {

    private final BillingConfig.Dunning defaults = new BillingConfig.Dunning() {
        @Override
        public List<String> stages() {
            return List.of("REMINDER:7", "WARNING:21", "BLOCKED:45");
        }

        @Override
        public String blockingStage() {
            return "BLOCKED";
        }

        @Override
        public Set<SocialCategory> protectedCategories() {
            return Set.of(SocialCategory.PENSIONER, SocialCategory.DISABLED, SocialCategory.LARGE_FAMILY);
        }

        @Override
        public Set<Integer> protectedMonths() {
            return Set.of(10, 11, 12, 1, 2, 3, 4);
        }
    };

    @Test
    void aPensionerIsProtectedFromTheFirstOfOctoberToTheLastOfApril() {
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2026, 9, 30))).isFalse();
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2027, 1, 15))).isTrue();
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2027, 4, 30))).isTrue();
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2027, 5, 1))).isFalse();
        assertThat(defaults.protects(SocialCategory.PENSIONER, LocalDate.of(2027, 7, 15))).isFalse();
    }

    @Test
    void categoriesOutsideTheRuleAreNeverProtected() {
        for (SocialCategory category : SocialCategory.values()) {
            if (!defaults.protectedCategories().contains(category)) {
                assertThat(defaults.protects(category, LocalDate.of(2027, 1, 15))).as(category.name()).isFalse();
            }
        }
        assertThat(SocialCategory.values()).as("some category is outside the rule").hasSizeGreaterThan(3);
    }
}
