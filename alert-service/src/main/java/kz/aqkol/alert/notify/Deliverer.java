package kz.aqkol.alert.notify;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import kz.aqkol.alert.config.AlertConfig;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.webhook.DeliveryOptions;
import kz.aqkol.platform.webhook.RetryPolicy;
import kz.aqkol.platform.webhook.WebhookDeliveries;
import kz.aqkol.platform.webhook.WebhookDelivery;

/**
 * Delivers notifications to their receivers' webhooks, at least once, through the platform's webhook delivery
 * ({@link NotificationStore} holds them): a failure is retried with exponential backoff (1 s, 2 s, 4 s … up to the
 * configured maximum) until the receiver takes it or the notification is too old to matter. Started with the
 * service, so its metrics (kind {@value #KIND}) are there from the start.
 */
@Startup
@ApplicationScoped
public class Deliverer {

    static final String KIND = "receiver";
    private static final int PER_ROUND = 200;
    /** Webhook requests in flight at once. */
    private static final int CONCURRENCY = 32;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private final WebhookDelivery<UUID> delivery;

    Deliverer(WebhookDeliveries deliveries, NotificationStore store, AlertConfig config) {
        this.delivery = deliveries.of(KIND, store, new DeliveryOptions(PER_ROUND, CONCURRENCY, LEASE,
                config.webhookTimeout(), RetryPolicy.untilOlderThan(FIRST_PAUSE, config.deliveryMaxBackoff(),
                config.deliveryGiveUpAfter())));
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return delivery.tick();
    }

    /** Attempts every notification that is due; returns how many were delivered. */
    public Uni<Integer> deliver() {
        return delivery.deliver();
    }
}
