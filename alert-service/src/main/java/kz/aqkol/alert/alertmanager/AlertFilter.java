package kz.aqkol.alert.alertmanager;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import kz.aqkol.alert.alert.AlertAccess;
import kz.aqkol.alert.alertmanager.AlertmanagerView.AlertQuery;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Purpose;

/**
 * The query parameters Alertmanager's {@code GET /alerts} and {@code GET /alerts/groups} share, and the purpose of
 * the read ({@code X-Purpose}).
 */
public class AlertFilter {

    /** Matchers such as {@code alertname=LEAK} (braces allowed, as amtool sends them). */
    @QueryParam("filter")
    public List<String> filter;
    @QueryParam("active")
    @DefaultValue("true")
    public boolean active;
    @QueryParam("silenced")
    @DefaultValue("true")
    public boolean silenced;
    @QueryParam("inhibited")
    @DefaultValue("true")
    public boolean inhibited;
    /** A regular expression matching whole receiver names. */
    @QueryParam("receiver")
    public String receiver;
    @HeaderParam(AlertAccess.PURPOSE)
    public String purpose;

    AlertQuery query() {
        return new AlertQuery(matchers(filter), active, silenced, inhibited, receiverMatcher());
    }

    Purpose purpose() {
        return AlertAccess.purpose(purpose);
    }

    static List<Matcher> matchers(List<String> filter) {
        try {
            return filter == null ? List.of() : filter.stream()
                    .map(text -> Matcher.parse(text.replace("{", "").replace("}", ""))).toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("filter", e.getMessage());
        }
    }

    /** The receiver filter, bounded as matchers are. */
    private Matcher receiverMatcher() {
        try {
            return receiver == null || receiver.isEmpty() ? null : new Matcher("receiver", receiver, true, true);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("receiver", e.getMessage());
        }
    }
}
