package kz.aqkol.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;

/**
 * Who is calling, for the request at hand. A resident's JWT subject is their account number: {@link #account()}
 * is the only way a {@code /me/...} endpoint learns which account it serves, so a resident can never name another.
 */
@RequestScoped
public class Caller {

    private static final List<String> BY_PRECEDENCE =
            List.of(Roles.AUDITOR, Roles.OPERATOR, Roles.DISPATCHER, Roles.SERVICE, Roles.RESIDENT);

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The subject of the token: a person's user id, a service's name, or a resident's account number. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** The caller's most privileged role, as recorded in the audit chain. */
    public String role() {
        return BY_PRECEDENCE.stream().filter(identity::hasRole).findFirst()
                .orElseGet(() -> identity.getRoles().stream().sorted().findFirst().orElse("none"));
    }

    /** Whether the caller is a person (whose reads of personal data are audited), not a service. */
    public boolean isPerson() {
        return !identity.isAnonymous() && Stream.of(Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR, Roles.RESIDENT)
                .anyMatch(identity::hasRole);
    }

    /** The resident's account number: the JWT subject. Only for callers with role resident. */
    public String account() {
        if (!identity.hasRole(Roles.RESIDENT)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only residents have an account of their own");
        }
        return name();
    }
}
