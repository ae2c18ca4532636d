package kz.aqkol.billing.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import kz.aqkol.billing.payment.provider.CallbackSignature.Verdict;
import kz.aqkol.contracts.WebhookSigner;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String BODY = "{\"reference\":\"sbx_1\",\"event\":\"CONFIRMED\",\"amountTiyn\":100}";

    private static Verdict check(String secret, long timestamp, String signature, String body) {
        return CallbackSignature.check(secret, Long.toString(timestamp), signature, body, NOW, WINDOW);
    }

    @Test
    void theProvidersSignatureWithinTheWindowIsValid() {
        String secret = WebhookSigner.newKey();
        long at = NOW.getEpochSecond() - 299;
        assertThat(check(secret, at, WebhookSigner.sign(secret, at, BODY), BODY)).isEqualTo(Verdict.VALID);
        long ahead = NOW.getEpochSecond() + 300;
        assertThat(check(secret, ahead, WebhookSigner.sign(secret, ahead, BODY), BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void anotherSecretAnotherBodyOrAnotherTimestampIsWrong() {
        String secret = WebhookSigner.newKey();
        long at = NOW.getEpochSecond();
        String signature = WebhookSigner.sign(secret, at, BODY);
        assertThat(check(WebhookSigner.newKey(), at, signature, BODY)).isEqualTo(Verdict.WRONG);
        assertThat(check(secret, at, signature, BODY.replace("100", "1000"))).isEqualTo(Verdict.WRONG);
        assertThat(check(secret, at - 1, signature, BODY)).isEqualTo(Verdict.WRONG);
        assertThat(CallbackSignature.check(secret, "soon", signature, BODY, NOW, WINDOW)).isEqualTo(Verdict.WRONG);
    }

    @Test
    void aCorrectSignatureOutsideTheWindowIsStaleAndAbsentHeadersAreMissing() {
        String secret = WebhookSigner.newKey();
        long old = NOW.getEpochSecond() - 301;
        assertThat(check(secret, old, WebhookSigner.sign(secret, old, BODY), BODY)).isEqualTo(Verdict.STALE);
        long future = NOW.getEpochSecond() + 301;
        assertThat(check(secret, future, WebhookSigner.sign(secret, future, BODY), BODY)).isEqualTo(Verdict.STALE);
        assertThat(CallbackSignature.check(secret, null, "sha256=00", BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
        assertThat(CallbackSignature.check(secret, "1", null, BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
    }
}
