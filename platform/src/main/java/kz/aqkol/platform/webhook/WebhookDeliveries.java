package kz.aqkol.platform.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Makes a service's {@link WebhookDelivery}, sending through the service's one {@link WebhookSender}. */
@ApplicationScoped
public class WebhookDeliveries {

    private final WebhookSender sender;
    private final Clock clock;
    private final MeterRegistry registry;

    WebhookDeliveries(WebhookSender sender, Clock clock, MeterRegistry registry) {
        this.sender = sender;
        this.clock = clock;
        this.registry = registry;
    }

    /** Delivery of the webhooks in {@code store}, its metrics tagged {@code kind} (e.g. {@code receiver}). */
    public <K> WebhookDelivery<K> of(String kind, WebhookStore<K> store, DeliveryOptions options) {
        return new WebhookDelivery<>(kind, store, sender, options, clock, registry);
    }
}
