package kz.aqkol.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final ZoneId VILLAGE = ZoneId.of("Asia/Almaty");

    @Test
    void moneyIsInTengeWithTheLanguagesSeparators() {
        assertThat(new Formats(Language.EN, VILLAGE).money(1_234_567)).isEqualTo("₸12,345.67");
        assertThat(new Formats(Language.RU, VILLAGE).money(1_234_567).replace('\u00a0', ' ').replace('\u202f', ' '))
                .isEqualTo("12 345,67 ₸");
        assertThat(new Formats(Language.KK, VILLAGE).money(1_234_567).replace('\u00a0', ' ').replace('\u202f', ' '))
                .isEqualTo("12 345,67 ₸");
        assertThat(new Formats(Language.EN, VILLAGE).money(-500)).isEqualTo("−₸5.00");
        assertThat(new Formats(Language.EN, VILLAGE).money(0)).isEqualTo("₸0.00");
    }

    @Test
    void timesAreShownOnTheVillagesClock() {
        // 20:30 UTC on the last of the month is already the next day in the village (UTC+5)
        Instant lateEvening = Instant.parse("2026-11-30T20:30:00Z");
        assertThat(new Formats(Language.EN, VILLAGE).date(lateEvening))
                .isEqualTo(new Formats(Language.EN, VILLAGE).date(LocalDate.of(2026, 12, 1)));
        assertThat(new Formats(Language.EN, VILLAGE).dateTime(lateEvening)).contains("1:30");
    }

    @Test
    void monthsAreNamedInTheLanguage() {
        assertThat(new Formats(Language.RU, VILLAGE).period("2026-11").toLowerCase()).contains("ноябрь");
        assertThat(new Formats(Language.KK, VILLAGE).period("2026-11").toLowerCase()).contains("қараша");
        assertThat(new Formats(Language.EN, VILLAGE).period("2026-11")).isEqualTo("November 2026");
        assertThat(new Formats(Language.EN, VILLAGE).period("not-a-month")).isEqualTo("not-a-month");
    }
}
