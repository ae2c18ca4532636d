package kz.aqkol.alert.notify;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.webhook.Claimed;
import kz.aqkol.platform.webhook.Outcome;
import kz.aqkol.platform.webhook.Webhook;
import kz.aqkol.platform.webhook.WebhookStore;

/**
 * The notifications to deliver, as the platform's webhook delivery claims and settles them: each one to its
 * receiver's URL, signed with the receiver's key, with its id in {@code X-Aqkol-Notification} (so a receiver can drop
 * a repeat); every attempt is kept in {@code delivery_attempt}, the notification's log.
 */
@ApplicationScoped
class NotificationStore implements WebhookStore<UUID> {

    static final String NOTIFICATION_HEADER = "X-Aqkol-Notification";

    /** Due notifications (of receivers that still exist), their next attempt moved to the lease's end. */
    private static final String CLAIM = """
            update notification n set next_attempt_at = ?2
            from receiver r
            where n.id in (select id from notification where delivered_at is null and gave_up_at is null
                             and next_attempt_at <= ?1 order by next_attempt_at limit ?3
                             for update skip locked)
              and r.name = n.receiver
            returning n.id, n.receiver, n.payload, n.created_at, n.attempts, r.webhook_url, r.signing_key,
                      n.traceparent""";

    /** A round's attempts logged in one statement. */
    private static final String LOG_ATTEMPTS = """
            insert into delivery_attempt (notification_id, at, status, error, duration_ms)
            select a.n, cast(?1 as timestamptz), a.s, a.e, a.d
            from unnest(cast(?2 as uuid[]), cast(?3 as int[]), cast(?4 as text[]), cast(?5 as bigint[]))
                as a(n, s, e, d)""";

    @Override
    public Uni<List<Claimed<UUID>>> claim(Instant now, Instant leasedUntil, int limit) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, Object[].class)
                        .setParameter(1, now)
                        .setParameter(2, leasedUntil)
                        .setParameter(3, limit)
                        .getResultList()))
                .map(rows -> rows.stream().map(NotificationStore::claimed).toList());
    }

    private static Claimed<UUID> claimed(Object[] row) {
        UUID id = (UUID) row[0];
        return new Claimed<>(id, DbTimes.instant(row[3]), ((Number) row[4]).intValue(), (String) row[1],
                new Webhook((String) row[5], (String) row[2], (String) row[6], Map.of(NOTIFICATION_HEADER,
                        id.toString()), (String) row[7]));
    }

    @Override
    public Uni<Void> record(List<Outcome<UUID>> outcomes, Instant now) {
        Map<UUID, Outcome<UUID>> byId = outcomes.stream().collect(Collectors.toMap(Outcome::id, Function.identity()));
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(LOG_ATTEMPTS)
                .setParameter(1, now)
                .setParameter(2, outcomes.stream().map(Outcome::id).toArray(UUID[]::new))
                .setParameter(3, outcomes.stream().map(o -> o.attempt().status()).toArray(Integer[]::new))
                .setParameter(4, outcomes.stream().map(o -> o.attempt().error()).toArray(String[]::new))
                .setParameter(5, outcomes.stream().map(o -> o.attempt().durationMs()).toArray(Long[]::new))
                .executeUpdate()
                .chain(() -> session.createSelectionQuery("from Notification where id in :ids", Notification.class)
                        .setParameter("ids", byId.keySet())
                        .getResultList())
                .invoke(notifications -> notifications.forEach(n -> settle(n, byId.get(n.id), now)))))
                .replaceWithVoid();
    }

    private static void settle(Notification n, Outcome<UUID> outcome, Instant now) {
        n.attempts = outcome.attempts();
        switch (outcome.verdict().state()) {
            case DELIVERED -> {
                n.deliveredAt = now;
                n.nextAttemptAt = null;
            }
            case GAVE_UP -> {
                n.gaveUpAt = now;
                n.nextAttemptAt = null;
            }
            case RETRY -> n.nextAttemptAt = outcome.verdict().retryAt();
        }
    }
}
