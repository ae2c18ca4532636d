package kz.aqkol.devstack;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes {@link DevIssuer} has handed out: each one random, bound to what it was issued for, good
 * for {@link #LIFETIME} and for one exchange only (a second try finds nothing, RFC 6749 §4.1.2).
 */
final class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    /** What a code stands for: who signed in as what, for which client and redirect, with which PKCE challenge. */
    record Grant(String clientId, String redirectUri, String codeChallenge, String nonce, String subject, String role,
                 Instant authTime) {
    }

    private record Issued(Grant grant, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> codes = new ConcurrentHashMap<>();

    AuthorizationCodes(Clock clock) {
        this.clock = clock;
    }

    String issue(Grant grant) {
        Instant now = clock.instant();
        codes.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new Issued(grant, now.plus(LIFETIME)));
        return code;
    }

    /** The grant of {@code code}, which is spent by asking; empty when unknown, spent or expired. */
    Optional<Grant> redeem(String code) {
        Issued issued = code == null ? null : codes.remove(code);
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(issued.grant());
    }
}
