package kz.aqkol.alert.alert;

import io.opentelemetry.context.Scope;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import kz.aqkol.alert.config.AlertConfig;
import kz.aqkol.alert.notify.NotificationGroups;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.stream.AlertChanges;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.platform.audit.AuditEntry;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.tracing.Traces;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Takes signals in and keeps alerts: a raise opens an alert for its fingerprint (routing it to its notification
 * groups and escalation) or counts up the open one; a resolve closes it. A batch is folded per fingerprint, so
 * a thousand copies of one condition cost one update, not a thousand. A signal taken in before (QoS 1 redelivers;
 * Prometheus repeats itself) changes nothing, and replicas serialise on the fingerprint, so one condition never
 * opens twice. Operators and dispatchers acknowledge, assign and resolve, in their own name and audited; every
 * change lands in the alert's timeline with who made it.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final RoutingService routing;
    private final NotificationGroups groups;
    private final AlertChanges changes;
    private final AuditLog audit;
    private final AlertConfig config;
    private final Clock clock;

    AlertService(AlertRepository alerts, RoutingService routing, NotificationGroups groups, AlertChanges changes,
                 AuditLog audit, AlertConfig config, Clock clock) {
        this.alerts = alerts;
        this.routing = routing;
        this.groups = groups;
        this.changes = changes;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The MQTT intake's handler. The topic {@code aqkol/v1/alerts/<service>} names the sender (the broker lets only
     * that service write it): an alert whose source names anyone else is refused to the dead-letter topic, so one
     * service can neither raise nor resolve another's alarm. Every other well-formed alert is taken.
     */
    public Uni<List<Refusal>> take(List<Inbound<AlertRaised>> batch) {
        List<Refusal> refused = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        for (Inbound<AlertRaised> inbound : batch) {
            Sender.service(inbound.deviceId()).refuses(inbound.message().source()).ifPresentOrElse(
                    reason -> refused.add(Refusal.of(inbound, "source", reason)),
                    () -> signals.add(Signal.of(inbound.message(), inbound.trace())));
        }
        return signals.isEmpty() ? Uni.createFrom().item(refused) : takeSignals(signals).replaceWith(refused);
    }

    /**
     * Takes signals in, in order; returns the alerts they changed, which every replica's live stream shows once the
     * transaction has committed.
     */
    public Uni<List<AlertView>> takeSignals(List<Signal> signals) {
        return Panache.withTransaction(() -> apply(signals).call(this::announce));
    }

    private Uni<Void> announce(List<AlertView> changed) {
        return Panache.getSession().chain(session -> changes.announce(session, changed));
    }

    private Uni<Alert> announced(Alert alert) {
        return announce(List.of(AlertView.of(alert))).replaceWith(alert);
    }

    private Uni<List<AlertView>> apply(List<Signal> signals) {
        Instant now = Instant.now(clock);
        Map<UUID, Signal> distinct = new LinkedHashMap<>();
        signals.forEach(signal -> distinct.putIfAbsent(signal.id(), signal));
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select id from alert_message where id = any(cast(?1 as uuid[]))", UUID.class)
                .setParameter(1, distinct.keySet().toArray(UUID[]::new))
                .getResultList()
                .chain(seen -> {
                    seen.forEach(distinct::remove);
                    if (distinct.isEmpty()) {
                        return Uni.createFrom().item(List.<AlertView>of());
                    }
                    List<Signal> fresh = List.copyOf(distinct.values());
                    Set<String> fingerprints = new TreeSet<>();
                    fresh.forEach(signal -> fingerprints.add(signal.fingerprint()));
                    return lock(session, fingerprints)
                            .chain(() -> session.createSelectionQuery(
                                            "from Alert where fingerprint in :fingerprints and status <> :resolved",
                                            Alert.class)
                                    .setParameter("fingerprints", fingerprints)
                                    .setParameter("resolved", Alert.Status.RESOLVED)
                                    .getResultList())
                            .chain(open -> write(session,
                                    AlertFolding.fold(now, routing.current(), open, fresh)));
                }));
    }

    private Uni<List<AlertView>> write(Mutiny.Session session, AlertFolding.Result fold) {
        Instant now = fold.now();
        List<Object> created = new ArrayList<>();
        for (AlertFolding.Opened o : fold.opened()) {
            try (Scope logged = Traces.parent(o.alert().traceparent, null).makeCurrent()) { // names its trace (MDC)
                LOG.infof("Alert %s opened: %s %s %s (%s)", o.alert().id, o.alert().severity, o.alert().type,
                        o.alert().subject, o.alert().source);
            }
            created.add(o.alert());
            created.add(AlertEvent.of(o.alert().id, now, "OPENED", o.by(), "routed to " + (o.matches().isEmpty()
                    ? "nobody" : String.join(", ", o.matches().stream().map(RoutingConfig.Match::route).toList()))));
        }
        return session.persistAll(created.toArray())
                .chain(() -> session.flush())
                .chain(() -> groups.joined(fold.opened().stream()
                        .map(o -> new NotificationGroups.Joining(o.alert(), o.matches())).toList(), now))
                .chain(() -> Multi.createFrom().iterable(fold.resolved())
                        .onItem().transformToUniAndConcatenate(alert -> session.persist(AlertEvent.of(alert.id, now,
                                "RESOLVED", alert.source, fold.lapsed().contains(alert.id)
                                        ? "endsAt passed, not raised again" : "cleared at source"))
                                .chain(() -> groups.changed(alert.id, now)))
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(fold.regrouped())
                        .onItem().transformToUniAndConcatenate(id -> groups.changed(id, now))
                        .collect().last())
                .chain(() -> remember(session, fold.messages()))
                .map(done -> fold.changed().stream().map(AlertView::of).toList());
    }

    /**
     * Remembers the batch's message ids in one statement (two arrays unnested) rather than a row per message, after
     * flushing the alerts they refer to.
     */
    private static Uni<Integer> remember(Mutiny.Session session, List<AlertMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return session.flush().chain(() -> session.createNativeQuery("""
                        insert into alert_message (id, alert_id, received_at)
                        select m.id, m.alert_id, cast(?3 as timestamptz)
                        from unnest(cast(?1 as uuid[]), cast(?2 as uuid[])) as m(id, alert_id)""")
                .setParameter(1, messages.stream().map(m -> m.id).toArray(UUID[]::new))
                .setParameter(2, messages.stream().map(m -> m.alertId).toArray(UUID[]::new))
                .setParameter(3, messages.get(0).receivedAt)
                .executeUpdate());
    }

    /**
     * Serialises replicas that take in the same conditions at the same moment, until the transaction ends. Locks are
     * taken in fingerprint order, so two batches never wait on each other in a circle.
     */
    private static Uni<Void> lock(Mutiny.Session session, Set<String> fingerprints) {
        return session.createNativeQuery("select cast(count(pg_advisory_xact_lock(hashtextextended(f, 0))) as bigint)"
                        + " from (select f from unnest(cast(?1 as text[])) as f order by f) as ordered", Long.class)
                .setParameter(1, fingerprints.toArray(String[]::new))
                .getSingleResult()
                .replaceWithVoid();
    }

    /** A person takes the alert on, in their own name; the audit chain records who, and about whom. */
    @WithTransaction
    public Uni<Alert> acknowledge(UUID id, Caller by, String comment) {
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
            alert.acknowledgedBy = by.name();
            alert.nextEscalationAt = null;
            return event(alert, now, "ACKNOWLEDGED", by.name(), comment).call(() -> audited(by, "ACKNOWLEDGE",
                    alert, comment));
        }).chain(this::announced);
    }

    /**
     * A person resolves an alert, whoever raised it, in their own name and with a reason, which the timeline and the
     * audit chain record (a source resolves its own alerts by its own messages instead).
     */
    @WithTransaction
    public Uni<Alert> resolveByHand(UUID id, Caller by, String reason) {
        return existing(id).chain(alert -> {
            if (alert.status == Alert.Status.RESOLVED) {
                return Uni.createFrom().item(alert);
            }
            Instant now = Instant.now(clock);
            alert.close(now);
            return event(alert, now, "RESOLVED", by.name(), reason).call(() -> groups.changed(alert.id, now))
                    .call(() -> audited(by, "RESOLVE", alert, reason));
        }).chain(this::announced);
    }

    @WithTransaction
    public Uni<Alert> assign(UUID id, String assignee, Caller by) {
        return existing(id).chain(alert -> {
            alert.assignee = assignee;
            return event(alert, Instant.now(clock), "ASSIGNED", by.name(), assignee)
                    .call(() -> audited(by, "ASSIGN", alert, null));
        }).chain(this::announced);
    }

    private Uni<AuditEntry> audited(Caller by, String action, Alert alert, String reason) {
        return audit.append(by, action, "alert", alert.id.toString(), alert.account(),
                reason == null || reason.isBlank() ? "not stated" : reason, alert.type + " from " + alert.source);
    }

    /** The alerts with these ids as the API shows them (for replicas' live streams). */
    @WithSession
    public Uni<List<AlertView>> views(List<UUID> ids) {
        return alerts.byIds(ids).map(found -> found.stream().map(AlertView::of).toList());
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
                .createSelectionQuery("from AlertEvent where alertId = :id order by at, id", AlertEvent.class)
                .setParameter("id", id)
                .setMaxResults(1000)
                .getResultList());
    }

    @Scheduled(every = "${aqkol.alert.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduledLapse() {
        return lapse().replaceWithVoid();
    }

    /**
     * Resolves open alerts whose {@code endsAt} has passed without their sender raising them again, as Alertmanager
     * does (a Prometheus that stopped, or an {@code amtool alert add} nobody repeated). The resolves go through the
     * same intake as any signal, so replicas doing this at once resolve each alert once.
     */
    public Uni<List<AlertView>> lapse() {
        return Panache.withSession(() -> alerts.find("status <> ?1 and endsAt <= ?2 order by endsAt",
                        Alert.Status.RESOLVED, Instant.now(clock)).page(0, 500).list())
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<AlertView>of())
                        : takeSignals(due.stream().map(Signal::lapsed).toList()));
    }

    /** Forgets message ids older than the deduplication window. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = NotRunning.class)
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
