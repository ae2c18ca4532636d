package kz.aqkol.platform.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.platform.messaging.PlatformMetrics;
import org.jboss.logging.Logger;

/**
 * Delivers one kind of a service's webhooks at least once, from its {@link WebhookStore}: claims the due ones with a
 * lease in a short transaction of their own, sends them once that committed (no row lock is held while a receiver
 * answers), and records each outcome in a new transaction: delivered, retried later as the {@link RetryPolicy} says,
 * or given up. A webhook whose outcome was not recorded (the service stopped, the database was away) is tried again
 * once its lease ends, so a receiver may get one twice and should drop a repeat. Counts the recorded outcomes and
 * times deliveries ({@link PlatformMetrics#WEBHOOK_DELIVERIES}, {@link PlatformMetrics#WEBHOOK_DELIVERY_LATENCY},
 * tagged with the {@code kind}).
 */
public final class WebhookDelivery<K> {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);

    /** How an attempt's recorded outcome is counted. */
    enum Counted {
        DELIVERED("delivered"), FAILED("failed"), REFUSED("refused"), GAVE_UP("gave_up");

        final String tag;

        Counted(String tag) {
            this.tag = tag;
        }

        static Counted of(Outcome<?> outcome) {
            return switch (outcome.verdict().state()) {
                case DELIVERED -> DELIVERED;
                case GAVE_UP -> GAVE_UP;
                case RETRY -> outcome.attempt().refused() ? REFUSED : FAILED;
            };
        }
    }

    /** An attempt made, not yet judged. */
    private record Tried<K>(Claimed<K> claimed, Attempt attempt) {
    }

    private final String kind;
    private final WebhookStore<K> store;
    private final WebhookSender sender;
    private final DeliveryOptions options;
    private final Clock clock;
    private final Map<Counted, Counter> counters = new EnumMap<>(Counted.class);
    private final Timer latency;

    WebhookDelivery(String kind, WebhookStore<K> store, WebhookSender sender, DeliveryOptions options, Clock clock,
                    MeterRegistry registry) {
        this.kind = kind;
        this.store = store;
        this.sender = sender;
        this.options = options;
        this.clock = clock;
        for (Counted counted : Counted.values()) {
            counters.put(counted, Counter.builder(PlatformMetrics.WEBHOOK_DELIVERIES)
                    .description("Webhook delivery attempts whose outcome was recorded, by outcome")
                    .tag("kind", kind).tag("outcome", counted.tag).register(registry));
        }
        this.latency = Timer.builder(PlatformMetrics.WEBHOOK_DELIVERY_LATENCY)
                .description("From a webhook's creation to its delivery").tag("kind", kind)
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** For a scheduled job: {@link #deliver()}, a failed pass logged and left for the next. */
    public Uni<Void> tick() {
        return deliver()
                .onFailure().invoke(e -> LOG.warnf("Delivery of %s webhooks paused: %s", kind, e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Attempts every webhook that is due, a round of {@link DeliveryOptions#perRound()} at a time, the next round at
     * once while rounds come back full (a storm is not paced by the tick); returns how many were delivered.
     */
    public Uni<Integer> deliver() {
        Instant now = Instant.now(clock);
        return store.claim(now, now.plus(options.lease()), options.perRound())
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(c -> sender.send(c.webhook(), options.timeout())
                                .map(attempt -> new Tried<>(c, attempt)))
                        .merge(options.concurrency())
                        .collect().asList()
                        .chain(this::record)
                        .chain(delivered -> claimed.size() < options.perRound() ? Uni.createFrom().item(delivered)
                                : deliver().map(more -> delivered + more)));
    }

    private Uni<Integer> record(List<Tried<K>> tried) {
        if (tried.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = Instant.now(clock);
        List<Outcome<K>> outcomes = tried.stream().map(t -> judge(t, now)).toList();
        return store.record(outcomes, now)
                .invoke(() -> outcomes.forEach(outcome -> recorded(outcome, now))) // once they are committed
                .map(recorded -> (int) outcomes.stream().filter(o -> o.attempt().delivered()).count());
    }

    private Outcome<K> judge(Tried<K> tried, Instant now) {
        int attempts = tried.claimed().attempts() + 1;
        return new Outcome<>(tried.claimed(), tried.attempt(), attempts, options.retry()
                .judge(tried.attempt().delivered(), attempts, tried.claimed().createdAt(), now));
    }

    private void recorded(Outcome<K> outcome, Instant now) {
        counters.get(Counted.of(outcome)).increment();
        Claimed<K> claimed = outcome.claimed();
        switch (outcome.verdict().state()) {
            case DELIVERED -> latency.record(Duration.between(claimed.createdAt(), now));
            case GAVE_UP -> LOG.errorf("Webhook %s (%s) to %s given up after %d attempts: %s", claimed.id(), kind,
                    claimed.recipient(), outcome.attempts(), outcome.attempt().describe());
            case RETRY -> LOG.warnf("Webhook %s (%s) to %s not delivered (%s); attempt %d again in %d ms",
                    claimed.id(), kind, claimed.recipient(), outcome.attempt().describe(), outcome.attempts() + 1,
                    Duration.between(now, outcome.verdict().retryAt()).toMillis());
        }
    }
}
