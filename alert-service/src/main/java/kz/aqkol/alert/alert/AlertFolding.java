package kz.aqkol.alert.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import kz.aqkol.alert.routing.Escalation;
import kz.aqkol.alert.routing.RoutingConfig;

/**
 * What a batch of signals does to the open alerts, worked out in memory before anything is written: a raise opens an
 * alert for its fingerprint (routed by the routing configuration given) or counts up the open one; a resolve closes
 * it; a lapse (a resolve carrying {@code endsAt}) closes it only if the sender has not raised it again since. Signals
 * are folded per fingerprint (in fingerprint order), each fingerprint's in the order given.
 *
 * <p>No database, no clock, no CDI: the caller hands in the time, the open alerts and the routing snapshot, and writes
 * the {@link Result}. The open alerts handed in are updated in place (they are the caller's entities to flush) and
 * listed in {@link Result#changed}.
 */
final class AlertFolding {

    private final Instant now;
    private final RoutingConfig routing;
    private final Map<String, Alert> current = new HashMap<>();
    private final List<Opened> opened = new ArrayList<>();
    private final List<Alert> resolved = new ArrayList<>();
    private final Set<UUID> lapsed = new LinkedHashSet<>();
    private final Set<UUID> regrouped = new LinkedHashSet<>();
    private final List<AlertMessage> messages = new ArrayList<>();
    private final Map<UUID, Alert> changed = new LinkedHashMap<>();

    private AlertFolding(Instant now, RoutingConfig routing, Collection<Alert> open) {
        this.now = now;
        this.routing = routing;
        open.forEach(alert -> current.put(alert.fingerprint, alert));
    }

    /**
     * Folds {@code signals} (not taken in before) into {@code open}, the unresolved alerts of their fingerprints.
     */
    static Result fold(Instant now, RoutingConfig routing, Collection<Alert> open, List<Signal> signals) {
        Map<String, List<Signal>> byFingerprint = new TreeMap<>();
        signals.forEach(signal -> byFingerprint.computeIfAbsent(signal.fingerprint(), key -> new ArrayList<>())
                .add(signal));
        AlertFolding folding = new AlertFolding(now, routing, open);
        byFingerprint.forEach((fingerprint, list) -> list.forEach(signal -> folding.apply(fingerprint, signal)));
        return new Result(now, List.copyOf(folding.opened), List.copyOf(folding.changed.values()),
                List.copyOf(folding.resolved), Set.copyOf(folding.lapsed), List.copyOf(folding.regrouped),
                List.copyOf(folding.messages));
    }

    /**
     * What to write: alerts to persist with where routing sent them; every alert the batch touched (opened ones
     * included); alerts it resolved, of which {@code lapsed} by {@code endsAt}; open alerts whose severity changed,
     * so their notification groups are worked out again; and the messages to remember.
     */
    record Result(Instant now, List<Opened> opened, List<Alert> changed, List<Alert> resolved, Set<UUID> lapsed,
                  List<UUID> regrouped, List<AlertMessage> messages) {
    }

    /** An alert the batch opens, who raised it and where routing sent it (first match: its route and escalation). */
    record Opened(Alert alert, String by, List<RoutingConfig.Match> matches) {

        Opened {
            matches = List.copyOf(matches);
        }
    }

    private void apply(String fingerprint, Signal signal) {
        Alert alert = current.get(fingerprint);
        if (signal.resolved()) {
            if (alert == null) {
                return; // nothing open to resolve: a repeat of a resolve we applied
            }
            if (signal.endsAt() != null && (alert.endsAt == null || alert.endsAt.isAfter(signal.endsAt()))) {
                return; // a lapse, but the sender raised the alert again meanwhile
            }
            current.remove(fingerprint);
            alert.close(now);
            traced(alert, signal);
            resolved.add(alert);
            if (signal.endsAt() != null) {
                lapsed.add(alert.id);
            }
        } else if (alert == null) {
            alert = open(fingerprint, signal);
            current.put(fingerprint, alert);
        } else {
            countUp(alert, signal);
        }
        changed.put(alert.id, alert);
        messages.add(AlertMessage.of(signal.id(), alert.id, now));
    }

    private Alert open(String fingerprint, Signal signal) {
        Alert alert = Alert.open(fingerprint, signal);
        List<RoutingConfig.Match> matches = routing.route(alert.matchLabels());
        if (!matches.isEmpty()) {
            alert.route = matches.get(0).route();
            Escalation escalation = matches.get(0).escalation();
            alert.nextEscalationAt = escalation == null ? null : escalation.firstDue(now);
        }
        opened.add(new Opened(alert, signal.source(), matches));
        return alert;
    }

    /** The alert continues the trace of the latest signal that changed it, if that one came in a trace. */
    private static void traced(Alert alert, Signal signal) {
        if (signal.traceparent() != null) {
            alert.traceparent = signal.traceparent();
        }
    }

    private void countUp(Alert open, Signal signal) {
        if (signal.endsAt() != null && (open.endsAt == null || signal.endsAt().isAfter(open.endsAt))) {
            open.endsAt = signal.endsAt();
        }
        if (signal.endsAt() != null && signal.occurredAt().equals(open.lastSeen)) {
            return; // the sender holding the same firing longer (Prometheus re-sends), not another occurrence
        }
        open.occurrences++;
        if (signal.occurredAt().isAfter(open.lastSeen)) {
            if (open.severity != signal.severity()) {
                regrouped.add(open.id);
            }
            open.lastSeen = signal.occurredAt();
            open.severity = signal.severity();
            open.summary = signal.summary();
            open.labels = new HashMap<>(signal.labels());
            traced(open, signal);
        }
    }
}
