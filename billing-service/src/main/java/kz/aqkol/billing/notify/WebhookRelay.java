package kz.aqkol.billing.notify;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.webhook.DeliveryOptions;
import kz.aqkol.platform.webhook.RetryPolicy;
import kz.aqkol.platform.webhook.WebhookDeliveries;
import kz.aqkol.platform.webhook.WebhookDelivery;

/**
 * Delivers notices to residents' webhooks through the platform's webhook delivery ({@link NoticeStore} holds them):
 * signed with the account's key, retried with growing pauses (5 s, 10 s, 20 s …) when the receiver fails, given up
 * after {@value #MAX_ATTEMPTS} attempts. Started with the service, so its metrics (kind {@value #KIND}) are there
 * from the start.
 */
@Startup
@ApplicationScoped
public class WebhookRelay {

    static final String KIND = "resident";
    static final int MAX_ATTEMPTS = 10;
    private static final int PER_ROUND = 50;
    private static final int CONCURRENCY = 16;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    private final WebhookDelivery<Long> delivery;

    WebhookRelay(WebhookDeliveries deliveries, NoticeStore store) {
        this.delivery = deliveries.of(KIND, store, new DeliveryOptions(PER_ROUND, CONCURRENCY, LEASE, TIMEOUT,
                RetryPolicy.forAttempts(FIRST_PAUSE, MAX_PAUSE, MAX_ATTEMPTS)));
    }

    @Scheduled(every = "${aqkol.billing.webhook-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return delivery.tick();
    }

    /** Attempts every notice that is due; returns how many were delivered. */
    public Uni<Integer> deliver() {
        return delivery.deliver();
    }
}
