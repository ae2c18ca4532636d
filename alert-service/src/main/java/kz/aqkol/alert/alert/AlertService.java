package kz.aqkol.alert.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.config.AlertConfig;
import kz.aqkol.alert.notify.Escalator;
import kz.aqkol.alert.notify.NotificationGroups;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.stream.AlertStream;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.platform.jobs.UnlessStopping;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.problem.ProblemException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Takes signals in and keeps alerts: a raise opens an alert for its fingerprint (routing it to its notification
 * groups and escalation) or counts up the open one; a resolve closes it. A batch is folded per fingerprint, so
 * a thousand copies of one condition cost one update, not a thousand. A signal taken in before (QoS 1 redelivers;
 * Prometheus repeats itself) changes nothing, and replicas serialise on the fingerprint, so one condition never
 * opens twice. Operators and dispatchers acknowledge, assign and resolve; every change lands in the alert's
 * timeline with who made it.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final RoutingService routing;
    private final NotificationGroups groups;
    private final AlertStream stream;
    private final AlertConfig config;
    private final Clock clock;

    AlertService(AlertRepository alerts, RoutingService routing, NotificationGroups groups, AlertStream stream,
                 AlertConfig config, Clock clock) {
        this.alerts = alerts;
        this.routing = routing;
        this.groups = groups;
        this.stream = stream;
        this.config = config;
        this.clock = clock;
    }

    /** The MQTT intake's handler: every well-formed alert is taken (none is refused). */
    public Uni<List<Refusal>> take(List<Inbound<AlertRaised>> batch) {
        return takeSignals(batch.stream().map(inbound -> Signal.of(inbound.message())).toList())
                .replaceWith(List.of());
    }

    /** Takes signals in, in order; returns the alerts they changed (also published to the live stream). */
    public Uni<List<AlertView>> takeSignals(List<Signal> signals) {
        return Panache.withTransaction(() -> apply(signals)).invoke(stream::publish);
    }

    private Uni<List<AlertView>> apply(List<Signal> signals) {
        Instant now = Instant.now(clock);
        Map<UUID, Signal> distinct = new LinkedHashMap<>();
        signals.forEach(signal -> distinct.putIfAbsent(signal.id(), signal));
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select id from AlertMessage where id in :ids", UUID.class)
                .setParameter("ids", distinct.keySet())
                .getResultList()
                .chain(seen -> {
                    seen.forEach(distinct::remove);
                    Map<String, List<Signal>> byFingerprint = new LinkedHashMap<>();
                    distinct.values().forEach(signal -> byFingerprint
                            .computeIfAbsent(signal.fingerprint(), key -> new ArrayList<>()).add(signal));
                    Map<UUID, AlertView> changed = new LinkedHashMap<>();
                    return Multi.createFrom().iterable(byFingerprint.entrySet())
                            .onItem().transformToUniAndConcatenate(entry -> fold(session, entry.getKey(),
                                    entry.getValue(), now, changed))
                            .collect().last()
                            .map(done -> List.copyOf(changed.values()));
                }));
    }

    /** Applies one fingerprint's signals, oldest first, to its open alert (opening or resolving as they say). */
    private Uni<Void> fold(Mutiny.Session session, String fingerprint, List<Signal> signals, Instant now,
                           Map<UUID, AlertView> changed) {
        Fold fold = new Fold();
        return lock(session, fingerprint)
                .chain(() -> alerts.unresolved(fingerprint))
                .invoke(open -> fold.current = open)
                .chain(() -> Multi.createFrom().iterable(signals)
                        .onItem().transformToUniAndConcatenate(signal -> signal.resolved()
                                ? resolve(session, fold, signal, now) : raise(session, fold, fingerprint, signal, now))
                        .onItem().invoke(alert -> {
                            if (alert != null) {
                                changed.put(alert.id, AlertView.of(alert));
                            }
                        })
                        .collect().last())
                .replaceWithVoid();
    }

    /** The fingerprint's open alert as the fold goes along. */
    private static final class Fold {
        private Alert current;
    }

    private Uni<Alert> raise(Mutiny.Session session, Fold fold, String fingerprint, Signal signal, Instant now) {
        Alert open = fold.current;
        if (open != null) {
            open.occurrences++;
            if (signal.occurredAt().isAfter(open.lastSeen)) {
                boolean severityChanged = open.severity != signal.severity();
                open.lastSeen = signal.occurredAt();
                open.severity = signal.severity();
                open.summary = signal.summary();
                open.labels = new HashMap<>(signal.labels());
                if (severityChanged) {
                    return remember(session, signal, open).call(() -> groups.changed(open.id, now));
                }
            }
            return remember(session, signal, open);
        }
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.fingerprint = fingerprint;
        alert.source = signal.source();
        alert.type = signal.type();
        alert.subject = signal.subject();
        alert.severity = signal.severity();
        alert.status = Alert.Status.OPEN;
        alert.summary = signal.summary();
        alert.labels = new HashMap<>(signal.labels());
        alert.generatorUrl = signal.generatorUrl();
        alert.occurrences = 1;
        alert.firstSeen = signal.occurredAt();
        alert.lastSeen = signal.occurredAt();
        List<RoutingConfig.Match> matches = routing.current().route(alert.matchLabels());
        if (!matches.isEmpty()) {
            alert.route = matches.get(0).route();
            alert.nextEscalationAt = Escalator.firstEscalation(matches.get(0).escalation(), now);
        }
        fold.current = alert;
        LOG.infof("Alert %s opened: %s %s %s (%s)", alert.id, alert.severity, alert.type, alert.subject,
                alert.source);
        return session.persist(alert)
                .chain(() -> session.persist(AlertEvent.of(alert.id, now, "OPENED", signal.source(),
                        "routed to " + (matches.isEmpty() ? "nobody" : String.join(", ",
                                matches.stream().map(RoutingConfig.Match::route).toList())))))
                .chain(() -> groups.joined(alert, matches, now))
                .chain(() -> remember(session, signal, alert));
    }

    private Uni<Alert> resolve(Mutiny.Session session, Fold fold, Signal signal, Instant now) {
        Alert open = fold.current;
        if (open == null) {
            return Uni.createFrom().nullItem(); // nothing open to resolve: a repeat of a resolve we applied
        }
        fold.current = null;
        close(open, now);
        return session.persist(AlertEvent.of(open.id, now, "RESOLVED", signal.source(), "cleared at source"))
                .chain(() -> groups.changed(open.id, now))
                .chain(() -> remember(session, signal, open));
    }

    private Uni<Alert> remember(Mutiny.Session session, Signal signal, Alert alert) {
        AlertMessage message = new AlertMessage();
        message.id = signal.id();
        message.alertId = alert.id;
        message.receivedAt = Instant.now(clock);
        return session.persist(message).replaceWith(alert);
    }

    private void close(Alert alert, Instant now) {
        alert.status = Alert.Status.RESOLVED;
        alert.resolvedAt = now;
        alert.nextEscalationAt = null;
    }

    /** Serialises replicas that take in the same condition at the same moment, until the transaction ends. */
    private static Uni<Void> lock(Mutiny.Session session, String fingerprint) {
        return session.createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)",
                        String.class)
                .setParameter(1, fingerprint)
                .getSingleResultOrNull()
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Alert> acknowledge(UUID id, String by, String comment) {
        return existing(id).chain(alert -> {
            if (alert.status == Alert.Status.RESOLVED) {
                throw ProblemException.conflict("alert " + id + " is resolved already");
            }
            if (alert.status == Alert.Status.ACKNOWLEDGED) {
                return Uni.createFrom().item(alert);
            }
            Instant now = Instant.now(clock);
            alert.status = Alert.Status.ACKNOWLEDGED;
            alert.acknowledgedAt = now;
            alert.acknowledgedBy = by;
            alert.nextEscalationAt = null;
            return event(alert, now, "ACKNOWLEDGED", by, comment);
        }).invoke(alert -> stream.publish(List.of(AlertView.of(alert))));
    }

    @WithTransaction
    public Uni<Alert> resolveByHand(UUID id, String by, String comment) {
        return existing(id).chain(alert -> {
            if (alert.status == Alert.Status.RESOLVED) {
                return Uni.createFrom().item(alert);
            }
            Instant now = Instant.now(clock);
            close(alert, now);
            return event(alert, now, "RESOLVED", by, comment).call(() -> groups.changed(alert.id, now));
        }).invoke(alert -> stream.publish(List.of(AlertView.of(alert))));
    }

    @WithTransaction
    public Uni<Alert> assign(UUID id, String assignee, String by) {
        return existing(id).chain(alert -> {
            alert.assignee = assignee;
            return event(alert, Instant.now(clock), "ASSIGNED", by, assignee);
        }).invoke(alert -> stream.publish(List.of(AlertView.of(alert))));
    }

    @WithSession
    public Uni<Alert> find(UUID id) {
        return alerts.findById(id);
    }

    @WithSession
    public Uni<List<Alert>> page(AlertRepository.AlertFilter filter, AlertRepository.Cursor before, int rows) {
        return alerts.page(filter, before, rows);
    }

    @WithSession
    public Uni<List<AlertEvent>> timeline(UUID id) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from AlertEvent where alertId = :id order by id", AlertEvent.class)
                .setParameter("id", id)
                .setMaxResults(1000)
                .getResultList());
    }

    /** Forgets message ids older than the deduplication window. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = UnlessStopping.class)
    @WithTransaction
    Uni<Void> prune() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from alert_message where received_at < ?1")
                .setParameter(1, Instant.now(clock).minus(config.deduplicationWindow()))
                .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Alert> existing(UUID id) {
        return alerts.findById(id).invoke(alert -> {
            if (alert == null) {
                throw ProblemException.notFound("alert", id);
            }
        });
    }

    private static Uni<Alert> event(Alert alert, Instant at, String kind, String actor, String detail) {
        return Panache.getSession().chain(session -> session.persist(AlertEvent.of(alert.id, at, kind, actor,
                detail))).replaceWith(alert);
    }
}
