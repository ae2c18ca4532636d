package kz.aqkol.platform.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The webhook target rules of this deployment ({@code aqkol.deployment}: production unless told otherwise). */
@ApplicationScoped
class WebhookTargetsProducer {

    @Produces
    @ApplicationScoped
    WebhookTargets targets(@ConfigProperty(name = "aqkol.deployment", defaultValue = WebhookTargets.PRODUCTION)
                           String deployment) {
        return WebhookTargets.forDeployment(deployment);
    }
}
