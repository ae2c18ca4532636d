package kz.aqkol.devstack.launcher;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevTokens;

/**
 * The roles a token's {@code groups} claim may carry, as the services' {@code @RolesAllowed} spell them, so that
 * the launcher can hand out a working token for each without anyone writing JWTs by hand.
 */
public enum Role {
    OPERATOR, DISPATCHER, AUDITOR, RESIDENT, SERVICE;

    /** Long enough for a working day with the local stack. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    static Role named(String name) {
        return Arrays.stream(values())
                .filter(role -> role.claim().equals(name))
                .findFirst()
                .orElseThrow(() -> CommandFailure.usage("unknown role '" + name + "', expected one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(Role::claim).collect(Collectors.joining(", "));
    }

    String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A resident is known by an account number; staff and machines by a made-up dev name. */
    String defaultSubject() {
        return this == RESIDENT ? "AQ-0001" : "dev-" + claim();
    }

    public String token(DevTokens tokens, String subject) {
        return tokens.issue(subject, TOKEN_VALIDITY, claim());
    }
}
