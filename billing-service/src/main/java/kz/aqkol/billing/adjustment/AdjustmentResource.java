package kz.aqkol.billing.adjustment;

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
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Credits, debits and write-offs on an account, with four eyes: one operator proposes, another approves (or
 * rejects); only the approval moves money. Auditors read them.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Adjustments")
public class AdjustmentResource {

    private final AdjustmentService adjustments;
    private final Caller caller;

    AdjustmentResource(AdjustmentService adjustments, Caller caller) {
        this.adjustments = adjustments;
        this.caller = caller;
    }

    @POST
    @Path("accounts/{number}/adjustments")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Propose a credit, debit or write-off with a reason; no money moves until another person "
            + "approves it")
    public Uni<RestResponse<Adjustment>> propose(@PathParam("number") String number,
                                                 @NotNull @Valid AdjustmentRequest request) {
        return adjustments.propose(number, request, caller)
                .map(a -> Responses.created("/adjustments/" + a.id(), a));
    }

    @GET
    @Path("adjustments")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "Adjustments, newest first (status=PROPOSED: those waiting for a second person); pass next "
            + "as before for the following page")
    public Uni<Page<Adjustment>> list(@QueryParam("status") Adjustment.Status status,
                                      @QueryParam("account") String account, @QueryParam("before") Instant before,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                      int limit) {
        return adjustments.page(status, account, before, limit + 1)
                .map(rows -> Page.of(rows, limit, a -> a.proposedAt().toString(), a -> a));
    }

    @GET
    @Path("adjustments/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    public Uni<Adjustment> get(@PathParam("id") UUID id) {
        return adjustments.find(id);
    }

    @POST
    @Path("adjustments/{id}/approval")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Approve an adjustment someone else proposed: its document is issued and the ledger posted")
    public Uni<Adjustment> approve(@PathParam("id") UUID id, @Valid Decision decision) {
        return adjustments.approve(id, decision, caller);
    }

    @POST
    @Path("adjustments/{id}/rejection")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Reject an adjustment (or withdraw your own) with a note; no money moves")
    public Uni<Adjustment> reject(@PathParam("id") UUID id, @NotNull @Valid Decision decision) {
        return adjustments.reject(id, decision, caller);
    }
}
