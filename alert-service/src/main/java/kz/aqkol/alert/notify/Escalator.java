package kz.aqkol.alert.notify;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertEvent;
import kz.aqkol.alert.alert.AlertRepository;
import kz.aqkol.alert.routing.Escalation;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.silence.SilenceService;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.jobs.Waiting;
import kz.aqkol.platform.time.DbTimes;

/**
 * Chases alerts nobody acknowledges: when an open alert's escalation comes due, the next level's receiver is
 * notified (ESCALATION); past the last level, a REMINDER goes out every {@code remindEvery} until someone
 * acknowledges. Silenced or inhibited alerts wait. The schedule lives in the alert ({@code nextEscalationAt}), so
 * a restart changes nothing.
 */
@ApplicationScoped
public class Escalator {

    private static final Duration RECHECK_SUPPRESSED = Duration.ofMinutes(1);

    private final AlertRepository alerts;
    private final RoutingService routing;
    private final SilenceService silences;
    private final Notifier notifier;
    private final Payloads payloads;
    private final Pool pool;
    private final Clock clock;

    Escalator(AlertRepository alerts, RoutingService routing, SilenceService silences, Notifier notifier,
              Payloads payloads, Pool pool, Clock clock) {
        this.alerts = alerts;
        this.routing = routing;
        this.silences = silences;
        this.notifier = notifier;
        this.payloads = payloads;
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return Waiting.any(pool, "select 1 from alert where status = 'OPEN' and next_escalation_at <= $1",
                        DbTimes.at(Instant.now(clock)))
                .chain(any -> any ? escalate().replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /** Escalates every alert whose time has come; returns how many notifications it created. */
    @WithTransaction
    public Uni<Integer> escalate() {
        Instant now = Instant.now(clock);
        return Panache.getSession().chain(session -> PassLock.tryTake(session, "escalation")
                .chain(locked -> !locked ? Uni.createFrom().item(0) : alerts
                        .list("status = ?1 and nextEscalationAt <= ?2", Alert.Status.OPEN, now)
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(0) : silences.activeNow()
                                .chain(active -> alerts.open().chain(open -> {
                                    List<Map<String, String>> openLabels = open.stream().map(Alert::matchLabels)
                                            .toList();
                                    return Multi.createFrom().iterable(due)
                                            .onItem().transformToUniAndConcatenate(alert -> notifier.suppressed(
                                                    alert, active, openLabels, now) ? postpone(alert, now)
                                                    : step(alert, now))
                                            .collect().asList()
                                            .map(sent -> sent.stream().mapToInt(Integer::intValue).sum());
                                })))));
    }

    private Uni<Integer> postpone(Alert alert, Instant now) {
        alert.nextEscalationAt = now.plus(RECHECK_SUPPRESSED);
        return Uni.createFrom().item(0);
    }

    private Uni<Integer> step(Alert alert, Instant now) {
        RoutingConfig.Match match = routing.current().route(alert.matchLabels()).stream()
                .filter(m -> m.route().equals(alert.route)).findFirst().orElse(null);
        Escalation escalation = match == null ? null : match.escalation();
        if (escalation == null) {
            alert.nextEscalationAt = null;
            return Uni.createFrom().item(0);
        }
        List<Escalation.Level> levels = escalation.levels();
        int level = alert.escalationLevel;
        String kind;
        String receiver;
        if (level < levels.size()) {
            kind = "ESCALATION";
            receiver = levels.get(level).receiver();
            alert.escalationLevel = level + 1;
            // levels are counted from the opening: the next one comes as much later as its delay is longer
            alert.nextEscalationAt = level + 1 < levels.size()
                    ? now.plus(levels.get(level + 1).delay().minus(levels.get(level).delay()))
                    : escalation.reminderInterval() == null ? null : now.plus(escalation.reminderInterval());
        } else {
            kind = "REMINDER";
            receiver = levels.isEmpty() ? match.receiver() : levels.get(levels.size() - 1).receiver();
            alert.nextEscalationAt = escalation.reminderInterval() == null ? null
                    : now.plus(escalation.reminderInterval());
        }
        if (receiver == null) {
            return Uni.createFrom().item(0);
        }
        Notification notification = Notification.create(receiver, null, kind,
                payloads.render(kind, receiver, null, Map.of("subject", alert.subject), List.of(alert), now), now,
                alert.traceparent);
        String detail = kind.equals("ESCALATION") ? "level " + alert.escalationLevel + ": " + receiver
                : "reminder to " + receiver;
        return Panache.getSession().chain(session -> session.persist(notification)
                .chain(() -> session.persist(AlertEvent.of(alert.id, now, kind, "alert-service", detail))))
                .replaceWith(1);
    }
}
