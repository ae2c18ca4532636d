package kz.aqkol.platform.security;

/** The roles a JWT's {@code groups} claim may carry, as used in {@code @RolesAllowed}. */
public final class Roles {

    /** Runs the village's systems: registers devices, configures rules, sees operational data. */
    public static final String OPERATOR = "operator";
    /** On duty for incidents: acknowledges alerts, requests access grants to footage. */
    public static final String DISPATCHER = "dispatcher";
    /** Oversees access to personal data: reads and verifies audit chains, approves exports. */
    public static final String AUDITOR = "auditor";
    /** A household: the JWT subject is the account number, and every {@code /me/...} endpoint is scoped to it. */
    public static final String RESIDENT = "resident";
    /** Another service or a payment provider calling on its own behalf. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
