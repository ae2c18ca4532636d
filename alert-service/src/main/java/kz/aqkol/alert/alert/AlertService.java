package kz.aqkol.alert.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import org.jboss.logging.Logger;

/**
 * Takes alerts in. A raise opens an alert for its fingerprint or counts up the open one; a resolve closes it. A
 * message already taken in (QoS 1 redelivers) changes nothing, and replicas serialise on the fingerprint, so the
 * same condition never opens twice.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final Clock clock;

    AlertService(AlertRepository alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<List<Refusal>> take(List<Inbound<AlertRaised>> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> take(inbound.message()))
                .collect().last()
                .replaceWith(List.of());
    }

    @WithSession
    public Uni<Alert> find(UUID id) {
        return alerts.findById(id);
    }

    @WithSession
    public Uni<List<Alert>> page(Alert.Status status, Severity severity, String source, AlertRepository.Cursor before,
                                 int rows) {
        return alerts.page(status, severity, source, before, rows);
    }

    private Uni<Void> take(AlertRaised message) {
        String fingerprint = Fingerprint.of(message.source(), message.type(), message.subject());
        return Panache.getSession().chain(session -> session.find(AlertMessage.class, message.id()))
                .chain(seen -> seen != null ? Uni.createFrom().voidItem()
                        : lock(fingerprint).chain(() -> alerts.unresolved(fingerprint))
                        .chain(open -> message.resolved() ? resolve(open, message) : raise(open, fingerprint, message))
                        .chain(alert -> alert == null ? Uni.createFrom().voidItem() : remember(message, alert)));
    }

    private Uni<Alert> raise(Alert open, String fingerprint, AlertRaised message) {
        if (open != null) {
            open.occurrences++;
            if (message.occurredAt().isAfter(open.lastSeen)) {
                open.lastSeen = message.occurredAt();
                open.severity = message.severity();
                open.summary = message.summary();
                open.labels = new HashMap<>(message.labels());
            }
            return Uni.createFrom().item(open);
        }
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.fingerprint = fingerprint;
        alert.source = message.source();
        alert.type = message.type();
        alert.subject = message.subject();
        alert.severity = message.severity();
        alert.status = Alert.Status.OPEN;
        alert.summary = message.summary();
        alert.labels = new HashMap<>(message.labels());
        alert.occurrences = 1;
        alert.firstSeen = message.occurredAt();
        alert.lastSeen = message.occurredAt();
        LOG.infof("Alert %s opened: %s %s %s (%s)", alert.id, alert.severity, alert.type, alert.subject, alert.source);
        return alerts.persist(alert);
    }

    private Uni<Alert> resolve(Alert open, AlertRaised message) {
        if (open == null) {
            return Uni.createFrom().nullItem();
        }
        open.status = Alert.Status.RESOLVED;
        open.resolvedAt = message.occurredAt();
        LOG.infof("Alert %s resolved by its source", open.id);
        return Uni.createFrom().item(open);
    }

    private Uni<Void> remember(AlertRaised message, Alert alert) {
        AlertMessage seen = new AlertMessage();
        seen.id = message.id();
        seen.alertId = alert.id;
        seen.receivedAt = Instant.now(clock);
        return Panache.getSession().chain(session -> session.persist(seen));
    }

    /** Serialises replicas that take in the same condition at the same moment, until the transaction ends. */
    private Uni<Void> lock(String fingerprint) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, fingerprint)
                .getSingleResult())
                .replaceWithVoid();
    }
}
