package kz.aqkol.portal.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import kz.aqkol.portal.console.ConsoleApis.AdjustmentRequest;
import kz.aqkol.portal.console.ConsoleApis.AdjustmentView;
import kz.aqkol.portal.console.ConsoleApis.Decision;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.ServiceProblem;
import kz.aqkol.portal.web.Tenge;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Credits, debits and write-offs on an account, with four eyes, for operators: propose one with its reason, and
 * decide those someone else proposed. billing-service holds the rule (nobody approves their own proposal, only an
 * approval moves money); the page shows its refusals in its own words, with what was typed kept.
 */
@Path("/console/adjustments")
@RolesAllowed("operator")
@Produces(MediaType.TEXT_HTML)
public class AdjustmentsResource {

    static final int WAITING = 100;
    static final int DECIDED = 20;
    static final List<String> KINDS = List.of("CREDIT", "DEBIT", "WRITE_OFF");
    /** The refusals of billing-service the page words itself; any other 4xx is shown as {@code other}. */
    private static final Set<Integer> WORDED = Set.of(400, 403, 404, 409, 422);
    private static final Set<String> DONE = Set.of("proposed", "approved", "rejected");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance adjustments(Visitor v, List<String> kinds, Form form, String done,
                                                   Refusal refusal, Section<List<AdjustmentView>> waiting,
                                                   Section<List<AdjustmentView>> decided);
    }

    /** What the operator typed, shown again when it was refused. */
    public record Form(String account, String kind, String amount, String invoice, String reason) {
        static final Form EMPTY = new Form("", "CREDIT", "", "", "");
    }

    /**
     * Why an action did not happen: {@code why} is the page's own finding about a field ({@code invalid.amount}) or
     * billing-service's answer ({@code 403}, ... or {@code other}), {@code detail} that service's own words.
     */
    public record Refusal(String action, int status, String why, String detail) {
    }

    private final Visitor visitor;
    private final ConsoleApis.Billing billing;

    @Inject
    AdjustmentsResource(Visitor visitor, @RestClient ConsoleApis.Billing billing) {
        this.visitor = visitor;
        this.billing = billing;
    }

    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        return page(Form.EMPTY, done != null && DONE.contains(done) ? done : null, null);
    }

    @POST
    public Response propose(@RestForm String account, @RestForm String kind, @RestForm String amount,
                            @RestForm String invoice, @RestForm String reason) {
        Form form = new Form(strip(account), strip(kind), strip(amount), strip(invoice), strip(reason));
        Long tiyn = Tenge.parse(form.amount());
        UUID invoiceId = uuid(form.invoice());
        String invalid = form.account().isEmpty() ? "account"
                : !KINDS.contains(form.kind()) ? "kind"
                : tiyn == null ? "amount"
                : !form.invoice().isEmpty() && invoiceId == null ? "invoice"
                : form.reason().isEmpty() ? "reason"
                : null;
        if (invalid != null) {
            return Response.status(400).entity(page(form, null, new Refusal("propose", 400, "invalid." + invalid,
                    null))).build();
        }
        return act("propose", "proposed", form, () -> billing.proposeAdjustment(visitor.bearer(), form.account(),
                new AdjustmentRequest(form.kind(), tiyn, invoiceId, form.reason())));
    }

    @POST
    @Path("{id}/{decision: approve|reject}")
    public Response decide(@PathParam("id") UUID id, @PathParam("decision") String decision,
                           @RestForm String note) {
        Decision body = new Decision(note == null || note.isBlank() ? null : note.strip());
        boolean approve = "approve".equals(decision);
        return act(decision, approve ? "approved" : "rejected", Form.EMPTY, () -> approve
                ? billing.approveAdjustment(visitor.bearer(), id, body)
                : billing.rejectAdjustment(visitor.bearer(), id, body));
    }

    /**
     * Does it, then back to the lists at the adjustment it touched; when billing-service refuses, the page again
     * with the refusal and that status (a failure of billing itself is the portal's error page).
     */
    private Response act(String action, String done, Form form, Supplier<AdjustmentView> call) {
        try {
            AdjustmentView adjustment = call.get();
            return Response.seeOther(URI.create("/console/adjustments?done=" + done + "#adjustment-"
                    + adjustment.id())).build();
        } catch (WebApplicationException e) {
            int status = ServiceProblem.refusal(e);
            String why = WORDED.contains(status) ? Integer.toString(status) : "other";
            return Response.status(status).entity(page(form, null, new Refusal(action, status, why,
                    ServiceProblem.detail(e.getResponse())))).build();
        }
    }

    private TemplateInstance page(Form form, String done, Refusal refusal) {
        String bearer = visitor.bearer();
        return Templates.adjustments(visitor, KINDS, form, done, refusal,
                Section.of("adjustments waiting", () -> billing.adjustments(bearer, "PROPOSED", WAITING).items()),
                Section.of("adjustments decided", () -> billing.adjustments(bearer, null, DECIDED + WAITING)
                        .items().stream().filter(a -> !a.proposed()).limit(DECIDED).toList()));
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static UUID uuid(String value) {
        try {
            return value.isEmpty() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
