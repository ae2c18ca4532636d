package kz.aqkol.portal.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.aqkol.portal.console.ConsoleApis.Stats;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The console's front page: open alerts by severity (alert-service's stats), and the pages this person's roles open. */
@Path("/console")
@RolesAllowed({"operator", "dispatcher", "auditor"})
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Visitor v, Section<Map<String, Long>> open, Section<Stats> stats);
    }

    private final Visitor visitor;
    private final ConsoleApis.Alert alert;

    @Inject
    ConsoleResource(Visitor visitor, @RestClient ConsoleApis.Alert alert) {
        this.visitor = visitor;
        this.alert = alert;
    }

    @GET
    public TemplateInstance home() {
        Section<Stats> stats = Section.of("alert stats", () -> alert.stats(visitor.bearer()));
        Section<Map<String, Long>> open = stats.unavailable() ? new Section<>(null, true)
                : new Section<>(bySeverity(stats.value()), false);
        return Templates.home(visitor, open, stats);
    }

    /** Every severity in order, zero where none is open, so the table always has the same rows. */
    static Map<String, Long> bySeverity(Stats stats) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (String severity : AlertFilter.SEVERITIES) {
            Long n = stats.openBySeverity() == null ? null : stats.openBySeverity().get(severity);
            all.put(severity, n == null ? 0L : n);
        }
        return all;
    }
}
