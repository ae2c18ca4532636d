package kz.aqkol.platform.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.InetAddress;
import kz.aqkol.platform.deployment.Deployment;

/** The webhook target rules of this deployment, resolving host names through the system's DNS. */
@ApplicationScoped
class WebhookTargetsProducer {

    @Produces
    @ApplicationScoped
    WebhookTargets targets(Deployment deployment) {
        return new WebhookTargets(deployment.production(), InetAddress::getAllByName);
    }
}
