package kz.aqkol.portal.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import kz.aqkol.portal.console.ConsoleApis.BillRun;
import kz.aqkol.portal.console.ConsoleApis.DunningResult;
import kz.aqkol.portal.console.ConsoleApis.Stage;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Bill runs and dunning, for operators: start a month's bill run and follow it (billing-service has no list of runs,
 * so the page follows the run it started, by id), the dunning stages, and a dunning pass with what it did.
 */
@Path("/console/billing")
@RolesAllowed("operator")
@Produces(MediaType.TEXT_HTML)
public class BillingResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance billing(Visitor v, String period, Section<BillRun> run,
                                               Section<List<Stage>> stages, DunningResult dunned,
                                               boolean badPeriod);
    }

    private final Visitor visitor;
    private final ConsoleApis.Billing billing;

    @Inject
    BillingResource(Visitor visitor, @RestClient ConsoleApis.Billing billing) {
        this.visitor = visitor;
        this.billing = billing;
    }

    @GET
    public TemplateInstance page(@QueryParam("run") String run, @QueryParam("overdue") Integer overdue,
                                 @QueryParam("escalated") Integer escalated, @QueryParam("blocked") Integer blocked,
                                 @QueryParam("deferred") Integer deferred) {
        UUID id = uuid(run);
        Section<BillRun> shown = id == null ? null : Section.of("bill run", () -> billing.billRun(visitor.bearer(), id));
        DunningResult dunned = overdue == null ? null : new DunningResult(overdue, orZero(escalated),
                orZero(blocked), orZero(deferred));
        return Templates.billing(visitor, lastMonth(), shown,
                Section.of("dunning stages", () -> billing.dunningStages(visitor.bearer())), dunned, false);
    }

    @POST
    @Path("runs")
    public Response start(@RestForm String period) {
        String month = period == null ? "" : period.strip();
        if (!validMonth(month)) {
            return Response.status(400).entity(Templates.billing(visitor, month, null,
                    Section.of("dunning stages", () -> billing.dunningStages(visitor.bearer())), null, true)).build();
        }
        BillRun run = billing.startBillRun(visitor.bearer(), new ConsoleApis.BillRunRequest(month));
        return Response.seeOther(URI.create("/console/billing?run=" + run.id())).build();
    }

    @POST
    @Path("dunning")
    public Response dun() {
        DunningResult r = billing.dunningRun(visitor.bearer());
        return Response.seeOther(URI.create("/console/billing?overdue=" + r.overdueAccounts() + "&escalated="
                + r.escalated() + "&blocked=" + r.blocked() + "&deferred=" + r.deferred())).build();
    }

    /** A month as billing-service takes it: {@code YYYY-MM}. */
    static boolean validMonth(String month) {
        if (month == null || !month.matches("\\d{4}-\\d{2}")) {
            return false;
        }
        try {
            YearMonth.parse(month);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String lastMonth() {
        return YearMonth.now(visitor.formatsZone()).minusMonths(1).toString();
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
