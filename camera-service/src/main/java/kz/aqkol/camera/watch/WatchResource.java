package kz.aqkol.camera.watch;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.camera.access.AccessAudit;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.event.Params;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The watch-list: a plate (hashed at once) watched for under an approved INVESTIGATION grant; a detection of it on
 * the grant's cameras raises a WATCHLIST alert for dispatchers until the entry expires or the grant ends.
 */
@Path("/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Watch-list")
public class WatchResource {

    private final WatchService watch;
    private final AccessAudit denials;
    private final Caller caller;

    WatchResource(WatchService watch, AccessAudit denials, Caller caller) {
        this.watch = watch;
        this.denials = denials;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(summary = "Watch for a plate (stored only as its keyed hash) under your INVESTIGATION grant, which an"
            + " auditor approved; it ends at expiresAt (bounded) or with the grant")
    public Uni<RestResponse<WatchView>> add(@NotNull @Valid WatchRequest request) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, watch.add(actor, request))
                .map(e -> Responses.created("/watchlist/" + e.id, WatchView.of(e)));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Entries still watching: case references, never plates or hashes")
    public Uni<List<WatchView>> list() {
        return watch.current().map(rows -> rows.stream().map(WatchView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Stop watching: the person who added the entry, or an auditor")
    public Uni<WatchView> remove(@PathParam("id") String id) {
        return watch.remove(Actor.of(caller), caller.is(Roles.AUDITOR), Params.uuid("id", id)).map(WatchView::of);
    }
}
