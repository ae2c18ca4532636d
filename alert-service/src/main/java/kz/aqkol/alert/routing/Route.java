package kz.aqkol.alert.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A node of the routing tree, as in Alertmanager: alerts whose labels satisfy every matcher go down this route;
 * a child that matches takes them unless an earlier sibling took them without {@code continue}. Settings left
 * out are inherited from the parent. {@code name} identifies the route in alerts, groups and notifications.
 */
public record Route(String name, String receiver, List<Matcher> matchers,
                    @JsonProperty("continue") boolean continueMatching, List<String> groupBy, String groupWait,
                    String groupInterval, String repeatInterval, Escalation escalation, List<Route> routes) {

    public Route {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
        routes = routes == null ? List.of() : List.copyOf(routes);
        for (String duration : new String[] {groupWait, groupInterval, repeatInterval}) {
            if (duration != null) {
                Durations.parse(duration);
            }
        }
    }
}
