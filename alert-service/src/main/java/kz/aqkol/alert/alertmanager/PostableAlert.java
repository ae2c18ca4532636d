package kz.aqkol.alert.alertmanager;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.alert.alert.Fingerprint;
import kz.aqkol.alert.alert.Signal;
import kz.aqkol.contracts.Severity;

/**
 * An alert as Prometheus sends it to Alertmanager's {@code POST /api/v2/alerts}. Its identity is its sender (the
 * source) and its label set: {@code alertname} is the type; the other labels, in order, the subject. An alert
 * repeated with the same times is the same signal; repeated with a later {@code endsAt} (Prometheus re-sends
 * firing alerts so) it holds the alert longer; one whose {@code endsAt} has passed resolves, and so does a firing
 * alert nobody re-sends before its {@code endsAt}.
 *
 * <p>Times are read as Alertmanager reads them: a missing or zero-value time ({@code 0001-01-01T00:00:00Z}, what
 * Go clients such as {@code amtool} send for "not given") is unset; an unset {@code startsAt} is {@code endsAt} if
 * that is set, now otherwise; an unset {@code endsAt} is now plus the resolve timeout, so the alert is firing.
 */
public record PostableAlert(@NotEmpty @Size(max = 64) Map<String, String> labels,
                            @Size(max = 64) Map<String, String> annotations, Instant startsAt, Instant endsAt,
                            String generatorURL) {

    /** Go's zero {@code time.Time}, which Alertmanager's clients send for a time they were not given. */
    static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");
    private static final Set<String> NOT_IDENTITY = Set.of("alertname", "severity", "source", "subject");

    /** The signal {@code source} (the authenticated caller) sends with this alert. */
    public Signal toSignal(String source, Instant now, Duration resolveTimeout) {
        String type = labels.get("alertname");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("labels.alertname is required");
        }
        String subject = labels.containsKey("subject") ? labels.get("subject") : identity(type);
        Instant ends = unset(endsAt) ? now.plus(resolveTimeout) : endsAt;
        Instant started = !unset(startsAt) ? startsAt : unset(endsAt) ? now : endsAt;
        boolean resolved = !ends.isAfter(now);
        String fingerprint = Fingerprint.of(source, type, subject);
        UUID id = UUID.nameUUIDFromBytes(("alertmanager:" + fingerprint + ":" + started
                + (resolved ? ":resolved" : ":until:" + ends)).getBytes(UTF_8));
        Map<String, String> notes = annotations == null ? Map.of() : annotations;
        String summary = notes.getOrDefault("summary", notes.getOrDefault("description", type));
        return new Signal(id, resolved ? ends : started, source, type, severity(), subject,
                summary.length() > 1000 ? summary.substring(0, 1000) : summary, new LinkedHashMap<>(labels), resolved,
                generatorURL, resolved ? null : ends);
    }

    private static boolean unset(Instant time) {
        return time == null || time.equals(GO_ZERO);
    }

    private String identity(String type) {
        String rest = new TreeMap<>(labels).entrySet().stream()
                .filter(label -> !NOT_IDENTITY.contains(label.getKey()))
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(","));
        return rest.isEmpty() ? type : rest;
    }

    private Severity severity() {
        String label = labels.getOrDefault("severity", "warning").toLowerCase(Locale.ROOT);
        return switch (label) {
            case "critical", "page", "emergency" -> Severity.CRITICAL;
            case "major", "error", "high" -> Severity.MAJOR;
            case "minor", "medium" -> Severity.MINOR;
            case "info", "none", "low" -> Severity.INFO;
            default -> Severity.WARNING;
        };
    }
}
