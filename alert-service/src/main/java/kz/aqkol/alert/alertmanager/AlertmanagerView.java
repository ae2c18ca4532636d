package kz.aqkol.alert.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.silence.Silence;

/**
 * Alert-service's alerts and silences in the shapes of Alertmanager's v2 API ({@code gettableAlert},
 * {@code alertGroup}, {@code gettableSilence}), and its query filters, as plain rules.
 */
final class AlertmanagerView {

    private AlertmanagerView() {
    }

    /** An alert with its routing, silences and inhibition worked out: Alertmanager's {@code gettableAlert}. */
    record GettableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                         Instant endsAt, Instant updatedAt, String fingerprint, String generatorURL,
                         List<Receiver> receivers, AlertStatus status) {
    }

    record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
    }

    record Receiver(String name) {
    }

    record AlertGroup(Map<String, String> labels, Receiver receiver, List<GettableAlert> alerts) {
    }

    record GettableSilence(String id, SilenceStatus status, Instant updatedAt, List<Matcher> matchers,
                           Instant startsAt, Instant endsAt, String createdBy, String comment) {

        static GettableSilence of(Silence s, Instant now) {
            Instant updated = s.endsAt.isAfter(now) || s.endsAt.isBefore(s.createdAt) ? s.createdAt : s.endsAt;
            return new GettableSilence(s.id.toString(), new SilenceStatus(s.state(now)), updated, s.matchers.all(),
                    s.startsAt, s.endsAt, s.createdBy, s.comment);
        }
    }

    record SilenceStatus(String state) {
    }

    /** What {@code GET /api/v2/alerts} (and its groups) shows and filters by. */
    record AlertQuery(List<Matcher> filter, boolean active, boolean silenced, boolean inhibited, Matcher receiver) {

        boolean shows(GettableAlert alert) {
            boolean silencedNow = !alert.status().silencedBy().isEmpty();
            boolean inhibitedNow = !alert.status().inhibitedBy().isEmpty();
            boolean state = silencedNow || inhibitedNow ? (silenced || !silencedNow) && (inhibited || !inhibitedNow)
                    : active;
            return state && filter.stream().allMatch(m -> m.matches(alert.labels()))
                    && (receiver == null || alert.receivers().stream()
                            .anyMatch(r -> receiver.matches(Map.of("receiver", r.name()))));
        }
    }

    static GettableAlert alert(Alert alert, RoutingConfig config, List<Silence> active,
                               List<Map<String, String>> openLabels, Duration resolveTimeout, Instant now) {
        Map<String, String> labels = alert.matchLabels();
        List<String> silencedBy = active.stream().filter(s -> s.silences(labels, now)).map(s -> s.id.toString())
                .toList();
        List<String> inhibitedBy = config.inhibited(labels, openLabels) ? List.of("inhibition rule") : List.of();
        String state = silencedBy.isEmpty() && inhibitedBy.isEmpty() ? "active" : "suppressed";
        return new GettableAlert(labels, Map.of("summary", alert.summary), alert.firstSeen,
                alert.endsAt != null ? alert.endsAt : alert.lastSeen.plus(resolveTimeout), alert.lastSeen, alert.fingerprint.substring(0, 16),
                alert.generatorUrl == null ? "" : alert.generatorUrl, receivers(config, labels),
                new AlertStatus(state, silencedBy, inhibitedBy));
    }

    /** Alerts grouped as their routes group them: one group per receiver and values of the route's group-by. */
    static List<AlertGroup> groups(List<GettableAlert> alerts, RoutingConfig config) {
        Map<String, AlertGroup> groups = new LinkedHashMap<>();
        for (GettableAlert alert : alerts) {
            for (RoutingConfig.Match match : config.route(alert.labels())) {
                if (match.receiver() != null) {
                    Map<String, String> groupLabels = match.groupLabels(alert.labels());
                    groups.computeIfAbsent(match.receiver() + groupLabels, key -> new AlertGroup(groupLabels,
                            new Receiver(match.receiver()), new ArrayList<>())).alerts().add(alert);
                }
            }
        }
        return List.copyOf(groups.values());
    }

    /**
     * Whether a silence passes {@code GET /api/v2/silences?filter=}: as in Alertmanager, each filter matcher must
     * match the value of a silence matcher of the same name.
     */
    static boolean silenceMatches(Silence silence, List<Matcher> filter) {
        Map<String, String> values = new LinkedHashMap<>();
        silence.matchers.all().forEach(m -> values.put(m.name(), m.value()));
        return filter.stream().allMatch(m -> values.containsKey(m.name()) && m.matches(values));
    }

    /** Alertmanager's order: active silences ending soonest first, then pending by start, then expired, latest first. */
    static Comparator<Silence> silenceOrder(Instant now) {
        Comparator<Silence> byState = Comparator.comparingInt(s -> switch (s.state(now)) {
            case "active" -> 0;
            case "pending" -> 1;
            default -> 2;
        });
        return byState.thenComparing((a, b) -> switch (a.state(now)) {
            case "active" -> a.endsAt.compareTo(b.endsAt);
            case "pending" -> a.startsAt.compareTo(b.startsAt);
            default -> b.endsAt.compareTo(a.endsAt);
        });
    }

    private static List<Receiver> receivers(RoutingConfig config, Map<String, String> labels) {
        return config.route(labels).stream().filter(m -> m.receiver() != null).map(m -> new Receiver(m.receiver()))
                .distinct().toList();
    }
}
