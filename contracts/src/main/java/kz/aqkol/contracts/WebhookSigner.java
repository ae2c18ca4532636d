package kz.aqkol.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies so receivers can tell them from forgeries and replays: HMAC-SHA256 under the receiver's
 * key over {@code <timestamp>.<body>}, sent as {@code X-Aqkol-Signature: sha256=<hex>} beside
 * {@code X-Aqkol-Timestamp: <epoch seconds>}. A receiver recomputes it and rejects old timestamps. alert-service
 * signs its receivers' webhooks with it, billing-service the residents' own, and a payment provider its callbacks
 * to billing-service (devstack's sandbox does): a contract with whoever receives them.
 */
public final class WebhookSigner {

    public static final String SIGNATURE = "X-Aqkol-Signature";
    public static final String TIMESTAMP = "X-Aqkol-Timestamp";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /** A new signing key: 256 random bits, URL-safe Base64. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public static String sign(String key, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
