package kz.aqkol.alert.alert;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a condition across its raises and its resolve: a stable hash of source, type and subject. The
 * same fingerprint while an alert is open counts up that alert instead of opening another.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String source, String type, String subject) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, type, subject}) {
                sha.update((part.length() + ":" + part + ";").getBytes(UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
