package kz.aqkol.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.platform.json.JsonText;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps notification groups due, the way Alertmanager times them: a new group is notified {@code groupWait} after
 * its first alert (so alerts arriving together go out together); a group already notified, no sooner than
 * {@code groupInterval} after its last notification. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class NotificationGroups {

    private static final int ROWS_PER_STATEMENT = 1_000;

    private final ObjectMapper json;

    NotificationGroups(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Alerts opened together: each joins the group of every route that took it, and those groups become due. The
     * whole batch takes two statements per thousand groups, however many alerts a storm opened at once.
     */
    public Uni<Void> joined(List<Joining> joinings, Instant now) {
        Map<String, Object[]> groupRows = new LinkedHashMap<>();
        List<Object[]> memberships = new ArrayList<>();
        for (Joining joining : joinings) {
            Map<String, String> labels = joining.alert().matchLabels();
            for (RoutingConfig.Match match : joining.matches()) {
                if (match.receiver() == null) {
                    continue;
                }
                String key = match.groupKey(labels);
                groupRows.putIfAbsent(key, new Object[] {key, match.route(), match.receiver(),
                        JsonText.write(json, match.groupLabels(labels)), match.groupInterval().toMillis(),
                        match.repeatInterval().toMillis(), now.plus(match.groupWait()), now});
                memberships.add(new Object[] {key, joining.alert().id});
            }
        }
        return Panache.getSession().chain(session -> Multi.createFrom().iterable(chunks(groupRows.values()))
                .onItem().transformToUniAndConcatenate(rows -> withValues(session, """
                        insert into notification_group (group_key, route, receiver, group_labels, group_interval_ms,
                            repeat_interval_ms, due_at, updated_at)
                        select v.k, v.r, v.rc, cast(v.l as jsonb), v.gi, v.ri, v.d, v.u from (values %s)
                            as v(k, r, rc, l, gi, ri, d, u)
                        on conflict (group_key) do update set
                            receiver = excluded.receiver,
                            group_interval_ms = excluded.group_interval_ms,
                            repeat_interval_ms = excluded.repeat_interval_ms,
                            due_at = least(coalesce(notification_group.due_at, 'infinity'),
                                case when notification_group.last_sent_at is null then excluded.due_at
                                else greatest(excluded.updated_at, notification_group.last_sent_at
                                    + excluded.group_interval_ms * interval '1 millisecond') end),
                            updated_at = excluded.updated_at""",
                        "(?%d, ?%d, ?%d, cast(?%d as text), cast(?%d as bigint), cast(?%d as bigint),"
                                + " cast(?%d as timestamptz), cast(?%d as timestamptz))", rows))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(chunks(memberships))
                        .onItem().transformToUniAndConcatenate(rows -> withValues(session,
                                "insert into alert_group (group_key, alert_id) values %s on conflict do nothing",
                                "(?%d, ?%d)", rows))
                        .collect().last()))
                .replaceWithVoid();
    }

    /** An alert opened, with the routes that took it. */
    public record Joining(Alert alert, List<RoutingConfig.Match> matches) {
    }

    /** Runs {@code sql} with one {@code tuple} of placeholders per row in place of its {@code %s}. */
    static Uni<Integer> withValues(Mutiny.Session session, String sql, String tuple, List<Object[]> rows) {
        int width = rows.get(0).length;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            Object[] positions = new Object[width];
            for (int j = 0; j < width; j++) {
                positions[j] = i * width + j + 1;
            }
            values.append(i == 0 ? "" : ", ").append(String.format(tuple, positions));
        }
        var query = session.createNativeQuery(String.format(sql, values));
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < width; j++) {
                query.setParameter(i * width + j + 1, rows.get(i)[j]);
            }
        }
        return query.executeUpdate();
    }

    private static List<List<Object[]>> chunks(Collection<Object[]> rows) {
        List<Object[]> all = new ArrayList<>(rows);
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(i, Math.min(all.size(), i + ROWS_PER_STATEMENT)));
        }
        return chunks;
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
}
