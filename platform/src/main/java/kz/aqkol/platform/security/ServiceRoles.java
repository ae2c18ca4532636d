package kz.aqkol.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives every service principal a role of its own, {@code service:<subject>} (e.g. {@code service:billing-service}),
 * so an endpoint names exactly which services may call it ({@code @RolesAllowed(Roles.BILLING_SERVICE)}) and any
 * other service is refused, however valid its token. Together with the audience check (a token names the service it
 * is for) this is the allow-list of who calls what.
 */
@ApplicationScoped
class ServiceRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.hasRole(Roles.SERVICE)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRole(Roles.SERVICE_PREFIX + identity.getPrincipal().getName())
                .build());
    }
}
