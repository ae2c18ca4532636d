package kz.aqkol.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives every service principal a role of its own, {@code service:<name>} (e.g. {@code service:billing-service}),
 * so an endpoint names exactly which services may call it ({@code @RolesAllowed(Roles.BILLING_SERVICE)}) and any
 * other service is refused, however valid its token. The name is the client the token was issued to ({@code azp},
 * as Keycloak's client-credentials tokens carry it), else its subject. A {@code service:*} role a token brings in
 * its own {@code groups} is dropped: only this derivation grants one. Together with the audience check (a token
 * names the service it is for) this is the allow-list of who calls what.
 */
@ApplicationScoped
class ServiceRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        boolean service = identity.hasRole(Roles.SERVICE);
        boolean smuggled = identity.getRoles().stream().anyMatch(role -> role.startsWith(Roles.SERVICE_PREFIX));
        if (identity.isAnonymous() || !service && !smuggled) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(identity.getRoles().stream()
                        .filter(role -> !role.startsWith(Roles.SERVICE_PREFIX))
                        .collect(Collectors.toSet()));
        if (service) {
            builder.addRole(Roles.SERVICE_PREFIX + serviceName(identity.getPrincipal()));
        }
        return Uni.createFrom().item(builder.build());
    }

    static String serviceName(Principal principal) {
        if (principal instanceof JsonWebToken token) {
            String client = token.getClaim("azp");
            return client != null && !client.isBlank() ? client : token.getSubject();
        }
        return principal.getName();
    }
}
