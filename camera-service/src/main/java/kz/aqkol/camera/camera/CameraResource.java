package kz.aqkol.camera.camera;

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
import kz.aqkol.camera.access.Actor;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cameras")
public class CameraResource {

    private final CameraService cameras;
    private final Caller caller;

    CameraResource(CameraService cameras, Caller caller) {
        this.cameras = cameras;
        this.caller = caller;
    }

    @POST
    @Path("zones")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<ZoneView>> createZone(@NotNull @Valid ZoneRequest request) {
        return cameras.createZone(Actor.of(caller), request).map(zone -> Responses.created("/zones/" + zone.id, ZoneView.of(zone)));
    }

    @GET
    @Path("zones")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    public Uni<List<ZoneView>> zones() {
        return cameras.zones().map(zones -> zones.stream().map(ZoneView::of).toList());
    }

    @POST
    @Path("cameras")
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<CameraView>> register(@NotNull @Valid CameraRequest request) {
        return cameras.register(Actor.of(caller), request)
                .map(camera -> Responses.created("/cameras/" + camera.id, CameraView.of(camera)));
    }

    @GET
    @Path("cameras")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<Page<CameraView>> list(@QueryParam("zone") String zone, @QueryParam("after") String after,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return cameras.page(zone, after, limit + 1).map(rows -> Page.of(rows, limit, c -> c.id, CameraView::of));
    }

    @GET
    @Path("cameras/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<CameraView> get(@PathParam("id") String id) {
        return cameras.find(id).map(camera -> {
            if (camera == null) {
                throw ProblemException.notFound("camera", id);
            }
            return CameraView.of(camera);
        });
    }

    @GET
    @Path("cameras/{id}/stream")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The camera's live stream URL; every reading is in the audit chain (STREAM_READ)")
    public Uni<StreamView> stream(@PathParam("id") String id) {
        return cameras.stream(Actor.of(caller), id);
    }
}
