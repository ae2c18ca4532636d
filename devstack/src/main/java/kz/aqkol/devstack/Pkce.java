package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange with the S256 method only (RFC 7636): the plain method proves nothing. */
final class Pkce {

    /** What an S256 challenge is: base64url of a SHA-256 digest, 43 characters (RFC 7636 §4.2). */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** What a verifier is: 43 to 128 unreserved characters (RFC 7636 §4.1). */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    static boolean isChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** Whether {@code verifier} is well formed and BASE64URL(SHA256(ASCII(verifier))) is {@code challenge}. */
    static boolean verifies(String verifier, String challenge) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches() || !isChallenge(challenge)) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(US_ASCII));
            byte[] expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).getBytes(US_ASCII);
            return MessageDigest.isEqual(expected, challenge.getBytes(US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
