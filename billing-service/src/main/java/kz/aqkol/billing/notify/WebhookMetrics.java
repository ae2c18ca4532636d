package kz.aqkol.billing.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The webhook metrics, named in one place: {@value #DELIVERIES} counts delivery attempts whose outcome was
 * recorded, by outcome: delivered (the receiver answered 2xx), failed (retried later), refused (the target is no
 * longer one this deployment may call; retried later, as DNS may change back), abandoned (the last attempt failed).
 */
@ApplicationScoped
public class WebhookMetrics {

    public static final String DELIVERIES = "aqkol.billing.webhook.deliveries";

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivery(String outcome) {
        Counter.builder(DELIVERIES).description("Webhook delivery attempts, by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }
}
