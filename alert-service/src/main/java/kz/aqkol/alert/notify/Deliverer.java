package kz.aqkol.alert.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.alert.config.AlertConfig;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.webhook.WebhookTargets;
import org.jboss.logging.Logger;

/**
 * Delivers notifications to their receivers' webhooks, at least once: a notification is claimed (so replicas do not
 * send it together), posted with its signature, and the attempt is logged; a failure is retried with exponential
 * backoff (1 s, 2 s, 4 s … up to the configured maximum) until the receiver takes it or the notification is too
 * old to matter. The {@code X-Aqkol-Notification} header carries the notification's id, so a receiver can drop a
 * repeat. Before each attempt the receiver's URL is checked again against the deployment's {@link WebhookTargets}
 * (its host may resolve elsewhere by now), and a redirect is never followed: it is a failed attempt.
 */
@ApplicationScoped
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);
    private static final int PER_ROUND = 200;
    /** Webhook requests in flight at once. */
    private static final int CONCURRENCY = 32;
    private static final Duration CLAIM = Duration.ofSeconds(30);

    private final WebClient http;
    private final Vertx vertx;
    private final WebhookTargets targets;
    private final AlertConfig config;
    private final Clock clock;
    private final Timer latency;

    Deliverer(Vertx vertx, WebhookTargets targets, AlertConfig config, Clock clock, MeterRegistry registry) {
        this.http = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.webhookTimeout().toMillis())
                .setIdleTimeout((int) config.webhookTimeout().toSeconds()));
        this.vertx = vertx;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
        this.latency = Timer.builder("aqkol.alert.delivery.latency")
                .description("From a notification's creation to its delivery").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return deliver().replaceWithVoid();
    }

    /**
     * Attempts every notification that is due, a round of {@value #PER_ROUND} at a time, the next round at once while
     * rounds come back full (a storm is not paced by the tick); returns how many were delivered.
     */
    public Uni<Integer> deliver() {
        return claim().chain(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(this::attempt).merge(CONCURRENCY)
                .collect().asList()
                .chain(attempts -> record(attempts))
                .chain(delivered -> claimed.size() < PER_ROUND ? Uni.createFrom().item(delivered)
                        : deliver().map(more -> delivered + more)));
    }

    /** Due notifications, each with its receiver's URL and key, leased for a while so nobody else sends them. */
    private Uni<List<Claimed>> claim() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update notification n set next_attempt_at = ?2
                        from receiver r
                        where n.id in (select id from notification where delivered_at is null and gave_up_at is null
                                         and next_attempt_at <= ?1 order by next_attempt_at limit ?3
                                         for update skip locked)
                          and r.name = n.receiver
                        returning n.id, n.receiver, n.payload, n.created_at, n.attempts,
                                  r.webhook_url, r.signing_key""", Object[].class)
                .setParameter(1, now)
                .setParameter(2, now.plus(CLAIM))
                .setParameter(3, PER_ROUND)
                .getResultList()))
                .map(rows -> rows.stream().map(Claimed::of).toList());
    }

    /** Posts the notification, unless its target is no longer one this deployment may send to. */
    private Uni<Attempt> attempt(Claimed n) {
        long started = System.nanoTime();
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(n.url())))
                .chain(refusal -> refusal.isPresent()
                        ? Uni.createFrom().item(Attempt.failed(n, "webhook target " + refusal.get(), started))
                        : post(n));
    }

    private Uni<Attempt> post(Claimed n) {
        long timestamp = Instant.now(clock).getEpochSecond();
        long started = System.nanoTime();
        return http.postAbs(n.url())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .putHeader(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                .putHeader(WebhookSigner.SIGNATURE, WebhookSigner.sign(n.key(), timestamp, n.payload()))
                .putHeader("X-Aqkol-Notification", n.id().toString())
                .timeout(config.webhookTimeout().toMillis())
                .sendBuffer(Buffer.buffer(n.payload()))
                .map(response -> Attempt.answered(n, response, started))
                .onFailure().recoverWithItem(failure -> Attempt.failed(n, failure.getMessage() == null
                        ? failure.getClass().getSimpleName() : failure.getMessage(), started));
    }

    private Uni<Integer> record(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = Instant.now(clock);
        Map<UUID, Attempt> byNotification = attempts.stream()
                .collect(Collectors.toMap(a -> a.notification().id(), a -> a));
        // the round's attempts logged in one statement, its notifications fetched at once and settled
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        insert into delivery_attempt (notification_id, at, status, error, duration_ms)
                        select a.n, cast(?1 as timestamptz), a.s, a.e, a.d
                        from unnest(cast(?2 as uuid[]), cast(?3 as int[]), cast(?4 as text[]), cast(?5 as bigint[]))
                            as a(n, s, e, d)""")
                .setParameter(1, now)
                .setParameter(2, attempts.stream().map(a -> a.notification().id()).toArray(UUID[]::new))
                .setParameter(3, attempts.stream().map(Attempt::status).toArray(Integer[]::new))
                .setParameter(4, attempts.stream().map(Attempt::error).toArray(String[]::new))
                .setParameter(5, attempts.stream().map(Attempt::durationMs).toArray(Long[]::new))
                .executeUpdate()
                .chain(() -> session.createSelectionQuery("from Notification where id in :ids", Notification.class)
                        .setParameter("ids", byNotification.keySet())
                        .getResultList())
                .invoke(notifications -> notifications.forEach(n -> settle(n, byNotification.get(n.id), now)))))
                .map(settled -> (int) attempts.stream().filter(Attempt::delivered).count());
    }

    private void settle(Notification n, Attempt attempt, Instant now) {
        n.attempts++;
        if (attempt.delivered()) {
            n.deliveredAt = now;
            n.nextAttemptAt = null;
            latency.record(Duration.between(n.createdAt, now));
        } else if (Duration.between(n.createdAt, now).compareTo(config.deliveryGiveUpAfter()) > 0) {
            n.gaveUpAt = now;
            n.nextAttemptAt = null;
            LOG.errorf("Notification %s to %s given up after %d attempts: %s", n.id, n.receiver, n.attempts,
                    attempt.describe());
        } else {
            long backoff = Math.min(config.deliveryMaxBackoff().toMillis(), 1000L << Math.min(20, n.attempts - 1));
            n.nextAttemptAt = now.plusMillis(backoff);
            LOG.warnf("Notification %s to %s not delivered (%s); attempt %d again in %d ms", n.id, n.receiver,
                    attempt.describe(), n.attempts + 1, backoff);
        }
    }

    /** A notification claimed for delivery, with where and how to send it. */
    private record Claimed(UUID id, String receiver, String payload, Instant createdAt, int attempts, String url,
                           String key) {

        static Claimed of(Object[] row) {
            return new Claimed((UUID) row[0], (String) row[1], (String) row[2], DbTimes.instant(row[3]),
                    ((Number) row[4]).intValue(), (String) row[5], (String) row[6]);
        }
    }

    /** What one try came to. */
    private record Attempt(Claimed notification, Integer status, String error, long durationMs) {

        static Attempt answered(Claimed n, HttpResponse<Buffer> response, long started) {
            return new Attempt(n, response.statusCode(), null, (System.nanoTime() - started) / 1_000_000);
        }

        static Attempt failed(Claimed n, String error, long started) {
            return new Attempt(n, null, error.length() > 500 ? error.substring(0, 500) : error,
                    (System.nanoTime() - started) / 1_000_000);
        }

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        String describe() {
            return status != null ? "HTTP " + status : error;
        }
    }
}
