package kz.aqkol.alert.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routing tree and the inhibition rules, as operators configure them. {@link #route} finds where an alert's
 * labels lead, the way Alertmanager walks its tree; the root matches every alert.
 */
public record RoutingConfig(Route route, List<InhibitRule> inhibitRules) {

    static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration REPEAT_INTERVAL = Duration.ofHours(4);

    /** Before operators configure anything: alerts are kept and shown, but nobody is notified. */
    public static final RoutingConfig NONE = new RoutingConfig(
            new Route("root", null, null, false, null, null, null, null, null, null), null);

    public RoutingConfig {
        if (route == null) {
            throw new IllegalArgumentException("the configuration needs a root route");
        }
        inhibitRules = inhibitRules == null ? List.of() : List.copyOf(inhibitRules);
        Set<String> names = new HashSet<>();
        checkNames(route, "root", names);
    }

    /** Where an alert goes: one match per route that takes it (several with {@code continue}). */
    public List<Match> route(Map<String, String> labels) {
        List<Match> matches = new ArrayList<>();
        walk(route, "root", Defaults.ROOT, labels, matches);
        return matches;
    }

    /** Whether any of {@code open} (labels of open alerts) inhibits an alert with {@code labels}. */
    public boolean inhibited(Map<String, String> labels, List<Map<String, String>> open) {
        return inhibitRules.stream().anyMatch(rule -> open.stream().anyMatch(source -> rule.inhibits(source, labels)));
    }

    /** A route an alert went down, with the settings it inherited. */
    public record Match(String route, String receiver, List<String> groupBy, Duration groupWait,
                        Duration groupInterval, Duration repeatInterval, Escalation escalation) {

        /** The notification group the labels fall in: the route and the values of its group-by labels. */
        public String groupKey(Map<String, String> labels) {
            Map<String, String> values = groupLabels(labels);
            return route + values;
        }

        public Map<String, String> groupLabels(Map<String, String> labels) {
            Map<String, String> values = new TreeMap<>();
            groupBy.forEach(name -> values.put(name, labels.getOrDefault(name, "")));
            return values;
        }
    }

    private record Defaults(String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                            Duration repeatInterval, Escalation escalation) {

        static final Defaults ROOT = new Defaults(null, List.of(), GROUP_WAIT, GROUP_INTERVAL, REPEAT_INTERVAL, null);

        Defaults under(Route r) {
            return new Defaults(r.receiver() != null ? r.receiver() : receiver,
                    r.groupBy() != null ? r.groupBy() : groupBy,
                    r.groupWait() != null ? Durations.parse(r.groupWait()) : groupWait,
                    r.groupInterval() != null ? Durations.parse(r.groupInterval()) : groupInterval,
                    r.repeatInterval() != null ? Durations.parse(r.repeatInterval()) : repeatInterval,
                    r.escalation() != null ? r.escalation() : escalation);
        }
    }

    private static boolean walk(Route node, String path, Defaults inherited, Map<String, String> labels,
                                List<Match> matches) {
        if (!node.matchers().stream().allMatch(m -> m.matches(labels))) {
            return false;
        }
        Defaults settings = inherited.under(node);
        boolean taken = false;
        for (int i = 0; i < node.routes().size(); i++) {
            Route child = node.routes().get(i);
            if (walk(child, name(child, path + "/" + i), settings, labels, matches)) {
                taken = true;
                if (!child.continueMatching()) {
                    break;
                }
            }
        }
        if (!taken) {
            matches.add(new Match(name(node, path), settings.receiver(), settings.groupBy(), settings.groupWait(),
                    settings.groupInterval(), settings.repeatInterval(), settings.escalation()));
        }
        return true;
    }

    private static String name(Route node, String path) {
        return node.name() != null ? node.name() : path;
    }

    private static void checkNames(Route node, String path, Set<String> names) {
        if (!names.add(name(node, path))) {
            throw new IllegalArgumentException("two routes are named " + name(node, path));
        }
        for (int i = 0; i < node.routes().size(); i++) {
            checkNames(node.routes().get(i), path + "/" + i, names);
        }
    }
}
