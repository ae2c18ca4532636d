package kz.aqkol.billing.payment.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import kz.aqkol.contracts.WebhookSigner;

/**
 * Checks a provider's callback as the platform signs webhooks ({@link WebhookSigner}): {@code X-Aqkol-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of {@code <timestamp>.<body>} under the provider's secret, and
 * {@code X-Aqkol-Timestamp} (epoch seconds) within the replay window of now, either way. Compared in constant time.
 */
public final class CallbackSignature {

    /** Why a callback is or is not authentic. */
    public enum Verdict { VALID, MISSING, STALE, WRONG }

    private CallbackSignature() {
    }

    public static Verdict check(String secret, String timestamp, String signature, String body, Instant now,
                                Duration window) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Verdict.MISSING;
        }
        if (!timestamp.matches("\\d{1,12}")) {
            return Verdict.WRONG;
        }
        long at = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - at) > window.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = WebhookSigner.sign(secret, at, body).getBytes(UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(UTF_8)) ? Verdict.VALID : Verdict.WRONG;
    }
}
