package kz.aqkol.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    /**
     * Who the token is for: a person's subject ({@code sub}, never a name they could choose, like
     * {@code preferred_username}), a service's client name ({@link ServiceRoles}), or a resident's account number.
     */
    public String name() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.hasRole(Roles.SERVICE)) {
            return ServiceRoles.serviceName(identity.getPrincipal());
        }
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject() : identity.getPrincipal().getName();
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

    /** The resident's account number: the JWT subject ({@code sub}) and nothing else. Only for residents. */
    public String account() {
        if (!identity.hasRole(Roles.RESIDENT)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only residents have an account of their own");
        }
        return name();
    }
}
