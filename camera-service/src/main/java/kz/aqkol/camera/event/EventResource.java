package kz.aqkol.camera.event;

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
import kz.aqkol.camera.access.AccessAudit;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventQueries events;
    private final AccessAudit denials;
    private final Caller caller;

    EventResource(EventQueries events, AccessAudit denials, Caller caller) {
        this.events = events;
        this.denials = denials;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Events newest first, without plates or snapshot references; pass next as after")
    public Uni<Page<EventSummary>> search(@QueryParam("camera") String camera, @QueryParam("zone") String zone,
                                          @QueryParam("type") String type, @QueryParam("from") String from,
                                          @QueryParam("to") String to, @QueryParam("after") String after,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                          int limit) {
        EventQueries.Filter filter = new EventQueries.Filter(blankToNull(camera), blankToNull(zone),
                Params.enumValue("type", type, DetectionType.class), Params.instant("from", from),
                Params.instant("to", to));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw ProblemException.invalid("to", "must be after from");
        }
        EventCursor cursor = EventCursor.decode(after);
        return events.search(Actor.of(caller), filter, cursor, limit + 1)
                .map(rows -> Page.of(rows, limit, e -> new EventCursor(e.occurredAt(), e.id()).encode(), e -> e));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "One event's details, with its snapshot reference: needs a grant that covers it")
    public Uni<EventDetails> details(@PathParam("id") String id, @QueryParam("grant") String grant) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, events.details(actor, Params.uuid("id", id),
                grant == null || grant.isBlank() ? null : Params.uuid("grant", grant)));
    }

    @POST
    @Path("plate-lookups")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Events with this plate within a grant's scope (the plate goes in the body, never a URL)")
    public Uni<List<EventDetails>> plateLookup(@NotNull @Valid PlateLookup lookup) {
        Actor actor = Actor.of(caller);
        return denials.recordingDenials(actor, events.plateLookup(actor, lookup));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
