package kz.aqkol.camera.retention;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.camera.PrivacyClass;
import kz.aqkol.camera.event.Params;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.camera.footage.SnapshotDeletions;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class RetentionResource {

    private final RetentionService retention;
    private final SnapshotDeletions deletions;
    private final Caller caller;

    RetentionResource(RetentionService retention, SnapshotDeletions deletions, Caller caller) {
        this.retention = retention;
        this.deletions = deletions;
        this.caller = caller;
    }

    @GET
    @Path("policies")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Days kept per zone privacy class and event type")
    public Uni<List<PolicyView>> policies() {
        return retention.policies();
    }

    @PUT
    @Path("policies/{privacyClass}/{eventType}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change how long one class of events is kept: raising applies at once (200); lowering waits"
            + " for an auditor who is not you (202)")
    public Uni<RestResponse<RetentionChangeView>> change(@PathParam("privacyClass") String privacyClass,
                                                         @PathParam("eventType") String eventType,
                                                         @NotNull @Valid PolicyChange change) {
        return retention.change(Actor.of(caller), Params.enumValue("privacyClass", privacyClass, PrivacyClass.class),
                        Params.enumValue("eventType", eventType, DetectionType.class), change.days())
                .map(c -> RestResponse.status(RetentionChange.PENDING.equals(c.status) ? RestResponse.Status.ACCEPTED
                        : RestResponse.Status.OK, RetentionChangeView.of(c)));
    }

    @GET
    @Path("changes")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Retention changes, newest first: applied, pending an auditor, denied")
    public Uni<List<RetentionChangeView>> changes(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500)
                                                  int limit) {
        return retention.changes(limit).map(rows -> rows.stream().map(RetentionChangeView::of).toList());
    }

    @POST
    @Path("changes/{id}/approve")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Apply someone else's pending lowering of retention")
    public Uni<RetentionChangeView> approve(@PathParam("id") String id) {
        return retention.approve(Actor.of(caller), Params.uuid("id", id)).map(RetentionChangeView::of);
    }

    @POST
    @Path("changes/{id}/deny")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Refuse someone else's pending lowering of retention")
    public Uni<RetentionChangeView> deny(@PathParam("id") String id) {
        return retention.deny(Actor.of(caller), Params.uuid("id", id)).map(RetentionChangeView::of);
    }

    @POST
    @Path("purge")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Purge now what the policy says is expired (except held events); returns the receipt")
    public Uni<PurgeReceipt> purge() {
        Actor actor = Actor.of(caller);
        return retention.purge(actor, "manual by " + actor.name(), true).map(receipt -> {
            if (receipt == null) {
                throw kz.aqkol.platform.problem.ProblemException.conflict("a purge is running already");
            }
            return receipt;
        });
    }

    @GET
    @Path("receipts/{id}/snapshots")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "What became of each snapshot a purge deleted at the recorder: DELETED, ABSENT (the recorder"
            + " had none) or PENDING (retried, with the last failure)")
    public Uni<List<SnapshotDeletions.Deletion>> snapshots(@PathParam("id") String id,
                                                           @QueryParam("limit") @DefaultValue("500") @Min(1)
                                                           @Max(5000) int limit) {
        return deletions.ofReceipt(Params.uuid("id", id), limit);
    }

    @GET
    @Path("receipts")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Purge receipts, newest first")
    public Uni<List<PurgeReceipt>> receipts(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return retention.receipts(limit);
    }
}
