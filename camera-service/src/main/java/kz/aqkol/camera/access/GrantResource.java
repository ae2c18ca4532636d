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
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.camera.event.Params;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access grants")
public class GrantResource {

    private final GrantService grants;
    private final AccessAudit denials;
    private final Caller caller;

    GrantResource(GrantService grants, AccessAudit denials, Caller caller) {
        this.grants = grants;
        this.denials = denials;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Request access to event details: INCIDENT is active at once (bounded, not chained), others"
            + " wait for an auditor")
    public Uni<RestResponse<GrantView>> request(@NotNull @Valid GrantRequest request) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, grants.request(actor, request))
                .map(g -> Responses.created("/grants/" + g.id, GrantView.of(g)));
    }

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Grants, newest first: auditors see all, dispatchers their own")
    public Uni<Page<GrantView>> list(@QueryParam("status") String status, @QueryParam("before") String before,
                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        Instant cursor = Params.instant("before", before);
        return grants.page(Actor.of(caller), caller.is(Roles.AUDITOR),
                        Params.enumValue("status", status, GrantStatus.class), cursor, limit + 1)
                .map(rows -> Page.of(rows, limit, g -> g.createdAt.toString(), GrantView::of));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.AUDITOR})
    public Uni<GrantView> get(@PathParam("id") String id) {
        return grants.find(Actor.of(caller), caller.is(Roles.AUDITOR), Params.uuid("id", id)).map(GrantView::of);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Approve a pending grant (not your own)")
    public Uni<GrantView> approve(@PathParam("id") String id, @Valid Decision decision) {
        return grants.approve(Actor.of(caller), Params.uuid("id", id), decision).map(GrantView::of);
    }

    @POST
    @Path("{id}/deny")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Deny a pending grant (not your own)")
    public Uni<GrantView> deny(@PathParam("id") String id, @Valid Decision decision) {
        return grants.deny(Actor.of(caller), Params.uuid("id", id), decision).map(GrantView::of);
    }

    @POST
    @Path("{id}/revoke")
    @RolesAllowed({Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "End a grant early (its holder or an auditor); ends its legal hold")
    public Uni<GrantView> revoke(@PathParam("id") String id, @Valid Decision decision) {
        return grants.revoke(Actor.of(caller), caller.is(Roles.AUDITOR), Params.uuid("id", id), decision)
                .map(GrantView::of);
    }
}
