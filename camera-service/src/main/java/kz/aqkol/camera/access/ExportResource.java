package kz.aqkol.camera.access;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.camera.event.EventDetails;
import kz.aqkol.camera.event.Params;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exports")
public class ExportResource {

    private final ExportService exports;
    private final AccessAudit denials;
    private final Caller caller;

    ExportResource(ExportService exports, AccessAudit denials, Caller caller) {
        this.exports = exports;
        this.denials = denials;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Ask to export snapshot references under your grant; an auditor must approve")
    public Uni<RestResponse<ExportView>> request(@NotNull @Valid ExportRequest request) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, exports.request(actor, request))
                .map(e -> Responses.created("/exports/" + e.id, ExportView.of(e)));
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Exports, newest first (status=PENDING: those waiting for an auditor); auditors only")
    public Uni<Page<ExportView>> list(@QueryParam("status") String status, @QueryParam("before") String before,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return exports.page(Params.enumValue("status", status, EventExport.Status.class),
                        Params.instant("before", before), limit + 1)
                .map(rows -> Page.of(rows, limit, e -> e.createdAt.toString(), ExportView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.AUDITOR})
    public Uni<ExportView> get(@PathParam("id") String id) {
        return exports.find(Actor.of(caller), caller.is(Roles.AUDITOR), Params.uuid("id", id)).map(ExportView::of);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Approve someone else's export")
    public Uni<ExportView> approve(@PathParam("id") String id) {
        return exports.approve(Actor.of(caller), Params.uuid("id", id)).map(ExportView::of);
    }

    @POST
    @Path("{id}/deny")
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ExportView> deny(@PathParam("id") String id) {
        return exports.deny(Actor.of(caller), Params.uuid("id", id)).map(ExportView::of);
    }

    @GET
    @Path("{id}/snapshots")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "The snapshot references of your approved export, until it expires")
    public Uni<List<EventDetails>> snapshots(@PathParam("id") String id) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, exports.download(actor, Params.uuid("id", id)));
    }
}
