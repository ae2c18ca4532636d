package kz.aqkol.platform.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What only development may do, and a production start therefore refuses: a clock running away from the real time
 * (the demo's and the drills' {@code aqkol.clock.offset}) and tokens from the development issuer (whose private key
 * sits in every developer's {@code .aqkol/}). Plain rules, so they are tested without starting a service.
 */
public final class ProductionRules {

    /** The issuer of devstack's tokens ({@code ./aqkol token}); production trusts an OIDC provider instead. */
    public static final String DEV_ISSUER = "aqkol-dev";

    private ProductionRules() {
    }

    /** The settings that break the rules, each with why; empty when the service may start in production. */
    public static List<String> violations(Duration clockOffset, String tokenIssuer) {
        List<String> violations = new ArrayList<>();
        if (!clockOffset.isZero()) {
            violations.add("aqkol.clock.offset is " + clockOffset + ": a production clock keeps the real time");
        }
        if (DEV_ISSUER.equals(tokenIssuer)) {
            violations.add("mp.jwt.verify.issuer is the development issuer '" + DEV_ISSUER
                    + "': production takes tokens from the village's identity provider");
        }
        return violations;
    }
}
