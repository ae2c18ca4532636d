package kz.aqkol.alert.alert;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.Severity;

public record AlertView(UUID id, String fingerprint, String source, String type, String subject, Severity severity,
                        Alert.Status status, String summary, Map<String, String> labels, long occurrences,
                        Instant firstSeen, Instant lastSeen, Instant resolvedAt) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.fingerprint, a.source, a.type, a.subject, a.severity, a.status, a.summary,
                a.labels, a.occurrences, a.firstSeen, a.lastSeen, a.resolvedAt);
    }
}
