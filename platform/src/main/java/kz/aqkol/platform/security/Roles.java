package kz.aqkol.platform.security;

/**
 * The roles a JWT's {@code groups} claim may carry, as used in {@code @RolesAllowed}, and the per-service roles the
 * platform derives from them ({@link ServiceRoles}).
 */
public final class Roles {

    /** Runs the village's systems: registers devices, configures rules, sees operational data. */
    public static final String OPERATOR = "operator";
    /** On duty for incidents: acknowledges alerts, requests access grants to footage. */
    public static final String DISPATCHER = "dispatcher";
    /** Oversees access to personal data: reads and verifies audit chains, approves exports. */
    public static final String AUDITOR = "auditor";
    /** A household: the JWT subject is the account number, and every {@code /me/...} endpoint is scoped to it. */
    public static final String RESIDENT = "resident";
    /**
     * Another system calling on its own behalf; the token's subject names it. Endpoints that any such caller may use
     * (raising its own alerts) allow this role; endpoints for one service allow that service's role below.
     */
    public static final String SERVICE = "service";

    /** What {@link ServiceRoles} adds to a {@link #SERVICE} token: {@code service:<subject>}. */
    public static final String SERVICE_PREFIX = "service:";
    /** billing-service, and only it (bill runs read consumption, account changes check meters). */
    public static final String BILLING_SERVICE = SERVICE_PREFIX + "billing-service";

    private Roles() {
    }
}
