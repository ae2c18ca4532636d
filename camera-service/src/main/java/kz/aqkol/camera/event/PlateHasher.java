package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymises licence plates: HMAC-SHA256 under a secret key, over the plate normalised (upper case, letters and
 * digits only), so "123 abc 02" and "123ABC02" are one plate. Without the key a hash cannot be reversed or even
 * tested against a guess; with it, a plate can be looked up only by supplying it.
 */
public final class PlateHasher {

    private final SecretKeySpec key;

    public PlateHasher(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the plate key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
    }

    public String hash(String plate) {
        return hmac(normalise(plate).getBytes(UTF_8));
    }

    /**
     * A keyed fingerprint of bytes that may hide a plate (an unreadable dead letter): equal bytes, equal
     * fingerprints, and never equal to a plate's hash (the input is prefixed, which a normalised plate cannot be).
     */
    public String fingerprint(byte[] data) {
        byte[] prefixed = new byte[data.length + 1];
        System.arraycopy(data, 0, prefixed, 1, data.length);
        return hmac(prefixed);
    }

    private String hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    static String normalise(String plate) {
        return plate.toUpperCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
    }
}
