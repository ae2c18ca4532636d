package kz.aqkol.alert.opendata;

import java.util.Map;
import java.util.Optional;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.contracts.Severity;

/**
 * Which alerts are of public interest, and what they are called in the Smart Data Models Alert vocabulary: a fire or
 * smoke a village camera saw. Nothing about one resident is public (meters, accounts, payments, watch-listed plates),
 * so every other source and type stays out, and so does any alert whose subject is not a camera or that names an
 * account.
 */
final class PublicAlerts {

    static final String SOURCE = "camera-service";
    static final String SUBJECT_PREFIX = "camera:";
    /** Alert type → (category, subCategory, description). */
    static final Map<String, Kind> KINDS = Map.of(
            "FIRE", new Kind("security", "buildingFire", "Fire detected by a village camera"),
            "SMOKE", new Kind("naturalDisaster", "fireRisk", "Smoke detected by a village camera"));

    record Kind(String category, String subCategory, String description) {
    }

    private PublicAlerts() {
    }

    /** The alert's public kind, or empty when it is not to be published. */
    static Optional<Kind> of(Alert alert) {
        if (!SOURCE.equals(alert.source) || alert.subject == null || !alert.subject.startsWith(SUBJECT_PREFIX)
                || alert.account() != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(KINDS.get(alert.type));
    }

    /** The Smart Data Models severity (informational, low, medium, high, critical). */
    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case MAJOR -> "high";
            case MINOR -> "medium";
            case WARNING -> "low";
            case INFO -> "informational";
        };
    }
}
