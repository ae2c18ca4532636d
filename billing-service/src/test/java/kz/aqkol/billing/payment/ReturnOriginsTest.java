package kz.aqkol.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReturnOriginsTest {

    private final ReturnOrigins portal = new ReturnOrigins(Set.of("http://127.0.0.1:8080", "https://aqkol.kz"));

    @Test
    void aPageOfAnAllowedOriginIsAllowed() {
        assertThat(portal.allows("http://127.0.0.1:8080/me/payments/returned")).isTrue();
        assertThat(portal.allows("https://aqkol.kz/me/payments/returned?x=1")).isTrue();
        // as browsers compare origins: case of scheme and host, and the default port, do not matter
        assertThat(portal.allows("HTTPS://AQKOL.KZ:443/me")).isTrue();
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertThat(portal.allows("https://aqkol.kz.evil.example/me")).isFalse();
        assertThat(portal.allows("http://aqkol.kz/me")).isFalse(); // another scheme is another origin
        assertThat(portal.allows("http://127.0.0.1:8081/me")).isFalse();
        assertThat(portal.allows("https://aqkol.kz@evil.example/me")).isFalse();
        assertThat(portal.allows("https://user@aqkol.kz/me")).isFalse();
        assertThat(portal.allows("javascript:alert(1)")).isFalse();
        assertThat(portal.allows("//aqkol.kz/me")).isFalse();
        assertThat(portal.allows("/me/payments")).isFalse();
        assertThat(portal.allows("not a url")).isFalse();
        assertThat(portal.allows("")).isFalse();
        assertThat(portal.allows(null)).isFalse();
    }

    @Test
    void nothingConfiguredAllowsNothing() {
        assertThat(new ReturnOrigins(Set.of()).allows("http://127.0.0.1:8080/me")).isFalse();
    }
}
