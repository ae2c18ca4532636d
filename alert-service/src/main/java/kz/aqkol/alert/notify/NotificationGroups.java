package kz.aqkol.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.routing.RoutingConfig;

/**
 * Keeps notification groups due, the way Alertmanager times them: a new group is notified {@code groupWait} after
 * its first alert (so alerts arriving together go out together); a group already notified, no sooner than
 * {@code groupInterval} after its last notification. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class NotificationGroups {

    private final ObjectMapper json;

    NotificationGroups(ObjectMapper json) {
        this.json = json;
    }

    /** An alert opened: it joins the group of every route that took it, which becomes due. */
    public Uni<Void> joined(Alert alert, List<RoutingConfig.Match> matches, Instant now) {
        return Multi.createFrom().iterable(matches)
                .select().where(match -> match.receiver() != null)
                .onItem().transformToUniAndConcatenate(match -> {
                    String key = match.groupKey(alert.matchLabels());
                    return Panache.getSession().chain(session -> session.createNativeQuery("""
                                    insert into notification_group (group_key, route, receiver, group_labels,
                                        group_interval_ms, repeat_interval_ms, due_at, updated_at)
                                    values (?1, ?2, ?3, cast(cast(?4 as text) as jsonb), ?5, ?6, ?7, ?8)
                                    on conflict (group_key) do update set
                                        receiver = excluded.receiver,
                                        group_interval_ms = excluded.group_interval_ms,
                                        repeat_interval_ms = excluded.repeat_interval_ms,
                                        due_at = least(coalesce(notification_group.due_at, 'infinity'),
                                            case when notification_group.last_sent_at is null then excluded.due_at
                                            else greatest(excluded.updated_at, notification_group.last_sent_at
                                                + excluded.group_interval_ms * interval '1 millisecond') end),
                                        updated_at = excluded.updated_at""")
                                    .setParameter(1, key)
                                    .setParameter(2, match.route())
                                    .setParameter(3, match.receiver())
                                    .setParameter(4, write(match.groupLabels(alert.matchLabels())))
                                    .setParameter(5, match.groupInterval().toMillis())
                                    .setParameter(6, match.repeatInterval().toMillis())
                                    .setParameter(7, now.plus(match.groupWait()))
                                    .setParameter(8, now)
                                    .executeUpdate()
                                    .chain(() -> session.createNativeQuery(
                                                    "insert into alert_group (group_key, alert_id) values (?1, ?2)"
                                                            + " on conflict do nothing")
                                            .setParameter(1, key)
                                            .setParameter(2, alert.id)
                                            .executeUpdate()))
                            .replaceWithVoid();
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** An alert's state changed (resolved, or its severity): its groups become due at their next interval. */
    public Uni<Void> changed(UUID alertId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update notification_group set
                            due_at = least(coalesce(due_at, 'infinity'), greatest(?2, coalesce(last_sent_at
                                + group_interval_ms * interval '1 millisecond', ?2))),
                            updated_at = ?2
                        where group_key in (select group_key from alert_group where alert_id = ?1)""")
                .setParameter(1, alertId)
                .setParameter(2, now)
                .executeUpdate())
                .replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
