package kz.aqkol.platform.deployment;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this service runs for real ({@code aqkol.deployment=production}, the default) or on a developer's
 * machine, in the tests or the demo ({@code development}). A production service refuses to start with settings
 * only development may use ({@link ProductionRules}), and applies the stricter checks that ask {@link #production()}
 * (webhook targets, for one).
 */
@ApplicationScoped
public class Deployment {

    private final boolean production;

    Deployment(@ConfigProperty(name = "aqkol.deployment", defaultValue = "production") String deployment) {
        this.production = switch (deployment) {
            case "production" -> true;
            case "development" -> false;
            default -> throw new IllegalArgumentException(
                    "aqkol.deployment must be production or development, not " + deployment);
        };
    }

    public boolean production() {
        return production;
    }

    void refuseDevelopmentSettings(@Observes StartupEvent event,
                                   @ConfigProperty(name = "aqkol.clock.offset", defaultValue = "PT0S")
                                   Duration clockOffset,
                                   @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        if (!production) {
            return;
        }
        var violations = ProductionRules.violations(clockOffset, issuer);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("refusing to start in production (aqkol.deployment=production): "
                    + String.join("; ", violations));
        }
    }
}
