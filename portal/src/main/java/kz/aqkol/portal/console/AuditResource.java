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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import kz.aqkol.portal.console.ConsoleApis.ChainVerdict;
import kz.aqkol.portal.console.ConsoleApis.ExportView;
import kz.aqkol.portal.console.ConsoleApis.GrantView;
import kz.aqkol.portal.console.ConsoleApis.RetentionChange;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.ServiceProblem;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The auditor's desk: camera-service's pending access grants, exports and retention lowerings, each approved or
 * denied in the auditor's own name (the service refuses anyone's own request, and the page says so plainly), and the
 * verdict of each service's audit chain.
 */
@Path("/console/audit")
@RolesAllowed("auditor")
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

    static final int LIMIT = 100;
    static final List<String> SERVICES = List.of("camera-service", "metering-service", "billing-service",
            "alert-service");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance approvals(Visitor v, Section<List<GrantView>> grants,
                                                 Section<List<ExportView>> exports,
                                                 Section<List<RetentionChange>> retention, Refusal refusal);

        static native TemplateInstance chains(Visitor v, Map<String, Section<ChainVerdict>> verdicts);
    }

    /** What the service refused and its own words. */
    public record Refusal(String kind, String decision, int status, String detail) {
    }

    private final Visitor visitor;
    private final ConsoleApis.Camera camera;
    private final ConsoleApis.Metering metering;
    private final ConsoleApis.Billing billing;
    private final ConsoleApis.Alert alert;

    @Inject
    AuditResource(Visitor visitor, @RestClient ConsoleApis.Camera camera, @RestClient ConsoleApis.Metering metering,
                  @RestClient ConsoleApis.Billing billing, @RestClient ConsoleApis.Alert alert) {
        this.visitor = visitor;
        this.camera = camera;
        this.metering = metering;
        this.billing = billing;
        this.alert = alert;
    }

    @GET
    public TemplateInstance approvals() {
        return page(null);
    }

    @GET
    @Path("chains")
    public TemplateInstance chains() {
        String bearer = visitor.bearer();
        Map<String, Section<ChainVerdict>> verdicts = new LinkedHashMap<>();
        verdicts.put("camera-service", Section.of("camera chain", () -> camera.verify(bearer)));
        verdicts.put("metering-service", Section.of("metering chain", () -> metering.verify(bearer)));
        verdicts.put("billing-service", Section.of("billing chain", () -> billing.verify(bearer)));
        verdicts.put("alert-service", Section.of("alert chain", () -> alert.verify(bearer)));
        return Templates.chains(visitor, verdicts);
    }

    @POST
    @Path("grants/{id}/{decision: approve|deny}")
    public Response grant(@PathParam("id") UUID id, @PathParam("decision") String decision,
                          @RestForm String note) {
        ConsoleApis.Decision body = new ConsoleApis.Decision(note == null || note.isBlank() ? null : note.strip());
        return decide("grant", decision, () -> "approve".equals(decision)
                ? camera.approveGrant(visitor.bearer(), id, body) : camera.denyGrant(visitor.bearer(), id, body));
    }

    @POST
    @Path("exports/{id}/{decision: approve|deny}")
    public Response export(@PathParam("id") UUID id, @PathParam("decision") String decision) {
        return decide("export", decision, () -> "approve".equals(decision)
                ? camera.approveExport(visitor.bearer(), id) : camera.denyExport(visitor.bearer(), id));
    }

    @POST
    @Path("retention/{id}/{decision: approve|deny}")
    public Response retention(@PathParam("id") UUID id, @PathParam("decision") String decision) {
        return decide("retention", decision, () -> "approve".equals(decision)
                ? camera.approveRetention(visitor.bearer(), id) : camera.denyRetention(visitor.bearer(), id));
    }

    /**
     * Does it, then back to the list; when camera-service refuses (one's own request: 403; already decided: 409),
     * the list again with the refusal in the service's words, and that status.
     */
    private Response decide(String kind, String decision, Supplier<Object> call) {
        try {
            call.get();
            return Response.seeOther(URI.create("/console/audit")).build();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status != 403 && status != 409) {
                throw e;
            }
            return Response.status(status).entity(page(new Refusal(kind, decision, status,
                    ServiceProblem.detail(e.getResponse())))).build();
        }
    }

    private TemplateInstance page(Refusal refusal) {
        String bearer = visitor.bearer();
        return Templates.approvals(visitor,
                Section.of("pending grants", () -> camera.grants(bearer, "PENDING", LIMIT).items()),
                Section.of("pending exports", () -> camera.exports(bearer, "PENDING", LIMIT).items()),
                Section.of("retention changes", () -> camera.retentionChanges(bearer, LIMIT).stream()
                        .filter(RetentionChange::pending).toList()),
                refusal);
    }
}
