package kz.aqkol.camera.watch;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.event.EventStore;
import kz.aqkol.camera.event.Params;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The watch-list: operators add a plate (hashed at once) with the case that justifies it; a detection of that plate
 * raises a WATCHLIST alert for dispatchers. Additions and removals are policy changes in the audit chain.
 */
@Path("/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Watch-list")
public class WatchResource {

    private final EventStore store;
    private final AuditLog audit;
    private final Caller caller;
    private final Clock clock;

    WatchResource(EventStore store, AuditLog audit, Caller caller, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Watch for a plate (stored only as its keyed hash) under a case reference")
    @WithTransaction
    public Uni<RestResponse<WatchView>> add(@NotNull @Valid WatchRequest request) {
        Actor actor = Actor.of(caller);
        WatchEntry e = new WatchEntry();
        e.id = UUID.randomUUID();
        e.plateHash = store.plates().hash(request.plate());
        e.caseRef = request.caseRef();
        e.note = request.note();
        e.addedBy = actor.name();
        e.addedAt = Instant.now(clock);
        return Panache.getSession().chain(s -> s.persist(e))
                .chain(() -> audit.append(actor.did("WATCHLIST_ADD", "watch-entry", e.id.toString(), "INVESTIGATION",
                        "case=" + e.caseRef)))
                .map(entry -> Responses.created("/watchlist/" + e.id, WatchView.of(e)));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    @WithSession
    public Uni<List<WatchView>> list() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "from WatchEntry where removedAt is null order by addedAt desc", WatchEntry.class)
                .setMaxResults(500).getResultList())
                .map(rows -> rows.stream().map(WatchView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    @WithTransaction
    public Uni<WatchView> remove(@PathParam("id") String id) {
        Actor actor = Actor.of(caller);
        UUID uuid = Params.uuid("id", id);
        return Panache.getSession().chain(s -> s.find(WatchEntry.class, uuid)).chain(e -> {
            if (e == null || e.removedAt != null) {
                throw ProblemException.notFound("watch-list entry", id);
            }
            e.removedBy = actor.name();
            e.removedAt = Instant.now(clock);
            return audit.append(actor.did("WATCHLIST_REMOVE", "watch-entry", id, null, "case=" + e.caseRef))
                    .replaceWith(WatchView.of(e));
        });
    }
}
