package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the alert list shows: which alerts ({@code show}: the unresolved ones by default), of which severity, and the
 * purpose the reader stated (alert-service records every read of an alert about a resident with it; on duty, the
 * default is SAFETY). Rebuilt from the page's query and from every form on it, so an action returns to the same list.
 */
@TemplateData
public record AlertFilter(String show, String severity, StatedPurpose purpose) {

    public static final List<String> SHOWS = List.of("unresolved", "OPEN", "ACKNOWLEDGED", "RESOLVED", "all");
    public static final List<String> SEVERITIES = List.of("CRITICAL", "MAJOR", "MINOR", "WARNING", "INFO");
    static final String DEFAULT_PURPOSE = "SAFETY";

    public static AlertFilter of(String show, String severity, String purpose, String note) {
        StatedPurpose stated = StatedPurpose.of(purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose,
                note);
        return new AlertFilter(show != null && SHOWS.contains(show) ? show : SHOWS.get(0),
                severity != null && SEVERITIES.contains(severity) ? severity : null, stated);
    }

    public List<String> shows() {
        return SHOWS;
    }

    public List<String> severities() {
        return SEVERITIES;
    }

    /** The statuses to ask alert-service for, one call each; an empty string stands for "any". */
    List<String> statuses() {
        return switch (show) {
            case "unresolved" -> List.of("OPEN", "ACKNOWLEDGED");
            case "all" -> List.of("");
            default -> List.of(show);
        };
    }

    /** This list's query string (without {@code ?}). */
    public String query() {
        StringBuilder q = new StringBuilder("show=").append(show);
        if (severity != null) {
            q.append("&severity=").append(severity);
        }
        if (purpose != null) {
            q.append('&').append(purpose.query());
        }
        return q.toString();
    }

    /** The list page's address, where an action returns to. */
    public String page() {
        return "/console/alerts?" + query();
    }
}
