package kz.aqkol.alert.alert;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import kz.aqkol.contracts.Severity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A condition some system reported: open until resolved, counting how often it was reported meanwhile. */
@Entity
public class Alert {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    @Id
    public UUID id;
    public String fingerprint;
    public String source;
    public String type;
    public String subject;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String summary;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;
    public long occurrences;
    public Instant firstSeen;
    public Instant lastSeen;
    public Instant resolvedAt;
    /** Until when the sender holds the alert firing (Alertmanager's endsAt), or null: until it is resolved. */
    public Instant endsAt;
    public Instant acknowledgedAt;
    public String acknowledgedBy;
    public String assignee;
    public String generatorUrl;
    /** The route that took the alert, whose escalation policy applies. */
    public String route;
    public int escalationLevel;
    public Instant nextEscalationAt;
    /** The trace of the signal that last opened, counted up or resolved the alert (W3C traceparent), or null. */
    public String traceparent;
    @Version
    public long version;

    /**
     * The labels routing, silences and inhibition match on: the alert's own labels plus its identity
     * ({@code source}, {@code type} (also as {@code alertname}), {@code subject}) and {@code severity}.
     */
    public Map<String, String> matchLabels() {
        Map<String, String> all = new TreeMap<>(labels);
        all.put("source", source);
        all.put("type", type);
        all.putIfAbsent("alertname", type);
        all.put("subject", subject);
        all.put("severity", severity.name());
        return all;
    }

    /** A new alert for a condition, as its first signal describes it. */
    static Alert open(String fingerprint, Signal signal) {
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.fingerprint = fingerprint;
        alert.source = signal.source();
        alert.type = signal.type();
        alert.subject = signal.subject();
        alert.severity = signal.severity();
        alert.status = Status.OPEN;
        alert.summary = signal.summary();
        alert.labels = new HashMap<>(signal.labels());
        alert.generatorUrl = signal.generatorUrl();
        alert.endsAt = signal.endsAt();
        alert.occurrences = 1;
        alert.firstSeen = signal.occurredAt();
        alert.lastSeen = signal.occurredAt();
        alert.traceparent = signal.traceparent();
        return alert;
    }

    /** Resolves the alert at {@code at}: it stops escalating. */
    void close(Instant at) {
        status = Status.RESOLVED;
        resolvedAt = at;
        nextEscalationAt = null;
    }

    /** The resident account the alert is about (its label {@code account}), if any: such alerts are personal data. */
    public String account() {
        return labels == null ? null : labels.get("account");
    }

    public boolean isOpen() {
        return status != Status.RESOLVED;
    }
}
