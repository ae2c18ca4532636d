package kz.aqkol.alert.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.Severity;

/** An alert as the API shows it. */
public record AlertView(UUID id, String fingerprint, String source, String type, String subject, Severity severity,
                        Alert.Status status, String summary, Map<String, String> labels, long occurrences,
                        Instant firstSeen, Instant lastSeen, Instant acknowledgedAt, String acknowledgedBy,
                        String assignee, Instant resolvedAt, String route, int escalationLevel) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.fingerprint, a.source, a.type, a.subject, a.severity, a.status, a.summary,
                a.labels, a.occurrences, a.firstSeen, a.lastSeen, a.acknowledgedAt, a.acknowledgedBy, a.assignee,
                a.resolvedAt, a.route, a.escalationLevel);
    }

    /** Whether a resident with this account may see it: only alerts labelled with their account. */
    public boolean concernsAccount(String account) {
        return account.equals(account());
    }

    /** The resident account the alert is about (its label {@code account}), if any. */
    public String account() {
        return labels == null ? null : labels.get("account");
    }
}
