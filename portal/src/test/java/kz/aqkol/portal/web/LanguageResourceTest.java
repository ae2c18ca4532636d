package kz.aqkol.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageResourceTest {

    @Test
    void returnsOnlyToAPageOfThePortal() {
        assertThat(LanguageResource.samePortal("/me/invoices")).isEqualTo("/me/invoices");
        assertThat(LanguageResource.samePortal("/")).isEqualTo("/");
    }

    @Test
    void neverToAnotherSite() {
        assertThat(LanguageResource.samePortal("https://evil.example/")).isEqualTo("/");
        assertThat(LanguageResource.samePortal("//evil.example/")).isEqualTo("/");
        assertThat(LanguageResource.samePortal("/\\evil.example")).isEqualTo("/");
        assertThat(LanguageResource.samePortal("/me\r\nSet-Cookie: x=1")).isEqualTo("/");
        assertThat(LanguageResource.samePortal(null)).isEqualTo("/");
    }
}
