package kz.aqkol.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertEvent;
import kz.aqkol.alert.alert.AlertRepository;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.silence.Silence;
import kz.aqkol.alert.silence.SilenceService;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.Waiting;
import kz.aqkol.platform.time.DbTimes;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Sends what notification groups have to say once they are due: the group's firing alerts (and those resolved since
 * its last notification), leaving out silenced and inhibited ones. A group whose alerts changed since the last
 * notification is notified; an unchanged one only when its repeat interval has passed.
 */
@ApplicationScoped
public class Notifier {

    private static final int GROUPS_PER_ROUND = 500;

    private final AlertRepository alerts;
    private final SilenceService silences;
    private final RoutingService routing;
    private final Payloads payloads;
    private final ObjectMapper json;
    private final Pool pool;
    private final Clock clock;

    Notifier(AlertRepository alerts, SilenceService silences, RoutingService routing, Payloads payloads,
             ObjectMapper json, Pool pool, Clock clock) {
        this.alerts = alerts;
        this.silences = silences;
        this.routing = routing;
        this.payloads = payloads;
        this.json = json;
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return Waiting.any(pool, "select 1 from notification_group where due_at <= $1", DbTimes.at(Instant.now(clock)))
                .chain(any -> any ? drain() : Uni.createFrom().voidItem());
    }

    /** Rounds, each its own transaction, one after another while they come back full. */
    private Uni<Void> drain() {
        return flushRound().chain(round -> round.groups() < GROUPS_PER_ROUND ? Uni.createFrom().voidItem() : drain());
    }

    /**
     * Notifies up to {@value #GROUPS_PER_ROUND} of the groups due now, in one transaction. A round works on its
     * groups at once — one query for their members, one insert batch, one update — so a storm that makes a thousand
     * groups due at the same moment is notified in a few statements rather than thousands.
     */
    @WithTransaction
    Uni<Round> flushRound() {
        Instant now = Instant.now(clock);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select group_key, receiver, cast(group_labels as text), repeat_interval_ms, group_interval_ms,
                               last_sent_at, last_digest
                        from notification_group where due_at <= ?1 order by due_at limit ?2 for update skip locked""",
                        Object[].class)
                .setParameter(1, now)
                .setParameter(2, GROUPS_PER_ROUND)
                .getResultList()
                .map(rows -> rows.stream().map(row -> Group.of(row, json)).toList())
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(new Round(0, 0))
                        : silences.activeNow().chain(active -> alerts.open().chain(open -> members(session, due)
                                .chain(members -> flush(session, due, members, active, open, now))
                                .map(notified -> new Round(due.size(), notified))))));
    }

    /** What a round did: the groups it found due, the notifications it created. */
    record Round(int groups, int notified) {
    }

    /** The alerts of each due group, by group key, oldest first. */
    private Uni<Map<String, List<Alert>>> members(Mutiny.Session session, List<Group> due) {
        return session.createNativeQuery("select group_key, alert_id from alert_group where group_key = any(?1)",
                        Object[].class)
                .setParameter(1, due.stream().map(Group::key).toArray(String[]::new))
                .getResultList()
                .chain(pairs -> alerts.byIds(pairs.stream().map(pair -> (UUID) pair[1]).distinct().toList())
                        .map(found -> {
                            Map<UUID, Alert> byId = found.stream().collect(Collectors.toMap(a -> a.id, a -> a));
                            Map<String, List<Alert>> byGroup = new HashMap<>();
                            for (Object[] pair : pairs) {
                                Alert alert = byId.get((UUID) pair[1]);
                                if (alert != null) {
                                    byGroup.computeIfAbsent((String) pair[0], k -> new ArrayList<>()).add(alert);
                                }
                            }
                            byGroup.values().forEach(list -> list.sort(Comparator.comparing((Alert a) -> a.firstSeen)));
                            return byGroup;
                        }));
    }

    private Uni<Integer> flush(Mutiny.Session session, List<Group> due, Map<String, List<Alert>> members,
                               List<Silence> active, List<Alert> open, Instant now) {
        List<Map<String, String>> openLabels = open.stream().map(Alert::matchLabels).toList();
        List<Object> created = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        int sent = 0;
        for (Group group : due) {
            List<Alert> relevant = members.getOrDefault(group.key(), List.of()).stream()
                    .filter(a -> a.isOpen() || group.lastSentAt() != null && a.resolvedAt != null
                            && a.resolvedAt.isAfter(group.lastSentAt()))
                    .toList();
            List<Alert> shown = relevant.stream()
                    .filter(a -> !suppressed(a, active, openLabels, now))
                    .toList();
            boolean firing = shown.stream().anyMatch(Alert::isOpen);
            boolean waiting = relevant.stream().anyMatch(a -> a.isOpen() && !shown.contains(a));
            String digest = shown.stream().map(a -> a.fingerprint + ":" + a.status)
                    .sorted().collect(Collectors.joining(","));
            boolean repeatDue = group.lastSentAt() != null
                    && !now.isBefore(group.lastSentAt().plus(group.repeatInterval()));
            boolean send = !shown.isEmpty() && (!digest.equals(group.lastDigest()) || repeatDue && firing);
            Instant sentAt = send ? now : group.lastSentAt();
            Instant next = firing ? sentAt.plus(group.repeatInterval())
                    : waiting ? now.plus(group.groupInterval()) : null;
            if (send) {
                sent++;
                created.add(Notification.create(group.receiver(), group.key(), "GROUP",
                        payloads.render("GROUP", group.receiver(), group.key(), group.labels(), shown, now), now,
                        traceOf(shown)));
                shown.forEach(alert -> created.add(AlertEvent.of(alert.id, now, "NOTIFIED", "alert-service",
                        "to " + group.receiver() + " (" + alert.status + ")")));
            }
            updates.add(new Object[] {group.key(), next, sentAt, send ? digest : group.lastDigest()});
        }
        int notified = sent;
        return session.persistAll(created.toArray())
                .chain(() -> updateGroups(session, updates, now))
                .replaceWith(notified);
    }

    /** One statement for the round: each group's next due time, last notification and digest. */
    private static Uni<Integer> updateGroups(Mutiny.Session session, List<Object[]> updates, Instant now) {
        List<Object[]> rows = updates.stream()
                .map(u -> new Object[] {u[0], u[1], u[2], u[3], now})
                .toList();
        return NotificationGroups.withValues(session, """
                        update notification_group g set due_at = v.due_at, last_sent_at = v.last_sent_at,
                            last_digest = v.last_digest, updated_at = v.updated_at
                        from (values %s) as v(group_key, due_at, last_sent_at, last_digest, updated_at)
                        where g.group_key = v.group_key""",
                "(?%d, cast(?%d as timestamptz), cast(?%d as timestamptz), cast(?%d as text),"
                        + " cast(?%d as timestamptz))", rows);
    }

    /**
     * The trace a group's notification continues: that of its most recently seen alert that came in one (a group
     * mixes alerts of many traces; the newest is what made it due, as a rule), or null.
     */
    private static String traceOf(List<Alert> shown) {
        return shown.stream().filter(alert -> alert.traceparent != null)
                .max(Comparator.comparing((Alert alert) -> alert.lastSeen))
                .map(alert -> alert.traceparent).orElse(null);
    }

    /** Silenced now, or inhibited by another open alert under the current rules. */
    boolean suppressed(Alert alert, List<Silence> active, List<Map<String, String>> openLabels, Instant now) {
        Map<String, String> labels = alert.matchLabels();
        return active.stream().anyMatch(s -> s.silences(labels, now))
                || alert.isOpen() && routing.current().inhibited(labels, openLabels);
    }

    /** A due notification group as the query returns it. */
    private record Group(String key, String receiver, Map<String, String> labels, Duration repeatInterval,
                         Duration groupInterval, Instant lastSentAt, String lastDigest) {

        static Group of(Object[] row, ObjectMapper json) {
            try {
                return new Group((String) row[0], (String) row[1],
                        json.readValue((String) row[2], new TypeReference<Map<String, String>>() { }),
                        Duration.ofMillis(((Number) row[3]).longValue()),
                        Duration.ofMillis(((Number) row[4]).longValue()), DbTimes.instant(row[5]), (String) row[6]);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
