package kz.aqkol.portal;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a production start refuses, before the portal serves a page: the development sign-in (devstack's issuer,
 * which lets anyone pick a role and an account) and any identity provider reached over plain HTTP or on the
 * loopback address. The rules are a pure function ({@link #violations}) so each can be tested without a start.
 */
@Singleton
public final class StartRules {

    void check(@Observes StartupEvent start, @ConfigProperty(name = "aqkol.deployment") String deployment,
               @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> provider) {
        if ("development".equals(deployment)) {
            return;
        }
        List<String> violations = violations(provider.orElse(""));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("refusing a production start (aqkol.deployment=production): "
                    + String.join("; ", violations));
        }
    }

    /** Why a production portal must not sign people in at {@code provider}; empty when it may. */
    public static List<String> violations(String provider) {
        List<String> violations = new ArrayList<>();
        URI uri;
        try {
            uri = URI.create(provider);
        } catch (IllegalArgumentException e) {
            return List.of("quarkus.oidc.auth-server-url is not a URL: " + provider);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            violations.add("the identity provider must be reached over https, not " + provider
                    + " (the development sign-in is for ./aqkol up and the tests only)");
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            violations.add("the identity provider must not be on the loopback address (" + host + ")");
        }
        return violations;
    }
}
