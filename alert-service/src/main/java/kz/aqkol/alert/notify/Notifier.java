package kz.aqkol.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import kz.aqkol.platform.jobs.UnlessStopping;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Sends what notification groups have to say once they are due: the group's firing alerts (and those resolved since
 * its last notification), leaving out silenced and inhibited ones. A group whose alerts changed since the last
 * notification is notified; an unchanged one only when its repeat interval has passed.
 */
@ApplicationScoped
public class Notifier {

    private static final int GROUPS_PER_ROUND = 100;

    private final AlertRepository alerts;
    private final SilenceService silences;
    private final RoutingService routing;
    private final Payloads payloads;
    private final ObjectMapper json;
    private final Clock clock;

    Notifier(AlertRepository alerts, SilenceService silences, RoutingService routing, Payloads payloads,
             ObjectMapper json, Clock clock) {
        this.alerts = alerts;
        this.silences = silences;
        this.routing = routing;
        this.payloads = payloads;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = UnlessStopping.class)
    Uni<Void> scheduled() {
        return flush().replaceWithVoid();
    }

    /** Notifies every group that is due now; returns how many notifications it created. */
    @WithTransaction
    public Uni<Integer> flush() {
        Instant now = Instant.now(clock);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select group_key, receiver, cast(group_labels as text), repeat_interval_ms, group_interval_ms,
                               last_sent_at, last_digest
                        from notification_group where due_at <= ?1 order by due_at limit ?2 for update skip locked""",
                        Object[].class)
                .setParameter(1, now)
                .setParameter(2, GROUPS_PER_ROUND)
                .getResultList()
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        : silences.activeNow().chain(active -> alerts.open().chain(open -> Multi.createFrom()
                                .iterable(due)
                                .onItem().transformToUniAndConcatenate(group -> flush(session, Group.of(group, json),
                                        active, open, now))
                                .collect().asList()
                                .map(sent -> sent.stream().mapToInt(Integer::intValue).sum())))));
    }

    private Uni<Integer> flush(Mutiny.Session session, Group group, List<Silence> active, List<Alert> open,
                               Instant now) {
        List<Map<String, String>> openLabels = open.stream().map(Alert::matchLabels).toList();
        return session.createNativeQuery("select alert_id from alert_group where group_key = ?1", UUID.class)
                .setParameter(1, group.key())
                .getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Alert>of())
                        : session.createSelectionQuery("from Alert where id in :ids order by firstSeen", Alert.class)
                        .setParameter("ids", ids).getResultList())
                .chain(members -> {
                    List<Alert> relevant = members.stream()
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
                    Uni<Integer> notified = !send ? Uni.createFrom().item(0)
                            : notification(session, group, shown, now).replaceWith(1);
                    return notified.call(() -> session.createNativeQuery("""
                                    update notification_group set due_at = ?2, last_sent_at = ?3, last_digest = ?4,
                                        updated_at = ?5 where group_key = ?1""")
                            .setParameter(1, group.key())
                            .setParameter(2, next)
                            .setParameter(3, sentAt)
                            .setParameter(4, send ? digest : group.lastDigest())
                            .setParameter(5, now)
                            .executeUpdate());
                });
    }

    private Uni<Void> notification(Mutiny.Session session, Group group, List<Alert> shown, Instant now) {
        Notification notification = Notification.create(group.receiver(), group.key(), "GROUP",
                payloads.render("GROUP", group.receiver(), group.key(), group.labels(), shown, now), now);
        return session.persist(notification).chain(() -> Multi.createFrom().iterable(shown)
                .onItem().transformToUniAndConcatenate(alert -> session.persist(AlertEvent.of(alert.id, now,
                        "NOTIFIED", "alert-service", "to " + group.receiver() + " (" + alert.status + ")")))
                .collect().last()
                .replaceWithVoid());
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
                        Duration.ofMillis(((Number) row[4]).longValue()), Times.instant(row[5]), (String) row[6]);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
