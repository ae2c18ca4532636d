package kz.aqkol.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void theBrowsersFirstChoiceAmongOursWins() {
        assertThat(Language.preferred("ru-RU,ru;q=0.9,en-US;q=0.8")).isEqualTo(Language.RU);
        assertThat(Language.preferred("en-GB,en;q=0.9")).isEqualTo(Language.EN);
        assertThat(Language.preferred("kk")).isEqualTo(Language.KK);
    }

    @Test
    void weightsCountMoreThanOrder() {
        assertThat(Language.preferred("en;q=0.3, ru;q=0.7")).isEqualTo(Language.RU);
        assertThat(Language.preferred("de-DE, en;q=0.5")).isEqualTo(Language.EN);
    }

    @Test
    void kazakhWhenNoneOfOursIsAsked() {
        assertThat(Language.preferred(null)).isEqualTo(Language.KK);
        assertThat(Language.preferred("")).isEqualTo(Language.KK);
        assertThat(Language.preferred("de, fr;q=0.8")).isEqualTo(Language.KK);
        assertThat(Language.preferred("ru;q=0")).isEqualTo(Language.KK);
        assertThat(Language.preferred("ru;q=abc")).isEqualTo(Language.KK);
    }
}
