package kz.aqkol.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TengeTest {

    @Test
    void amountsAsPeopleTypeThemBecomeTiyn() {
        assertThat(Tenge.parse("5000")).isEqualTo(500_000L);
        assertThat(Tenge.parse("5 000,50")).isEqualTo(500_050L);
        assertThat(Tenge.parse("5\u00a0000.5 ₸")).isEqualTo(500_050L);
        assertThat(Tenge.parse("0.01")).isEqualTo(1L);
    }

    @Test
    void anythingElseIsNotAnAmount() {
        assertThat(Tenge.parse(null)).isNull();
        assertThat(Tenge.parse("")).isNull();
        assertThat(Tenge.parse("0")).isNull();
        assertThat(Tenge.parse("-5")).isNull();
        assertThat(Tenge.parse("1.234")).isNull();
        assertThat(Tenge.parse("1e5")).isNull();
        assertThat(Tenge.parse("five")).isNull();
        assertThat(Tenge.parse("1000000001")).isNull(); // above a billion tenge
    }
}
