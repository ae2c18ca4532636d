package kz.aqkol.metering.meter;

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
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/meters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Meters")
public class MeterResource {

    private final MeterService meters;
    private final MeterAssignments assignments;
    private final Caller caller;

    MeterResource(MeterService meters, MeterAssignments assignments, Caller caller) {
        this.meters = meters;
        this.assignments = assignments;
        this.caller = caller;
    }

    /** A meter's accounts over time, oldest first; {@code version} rises with every change. */
    public record AssignmentHistory(String meterId, long version, List<MeterAssignmentChanged.Assignment> assignments) {
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Register a meter")
    public Uni<RestResponse<MeterView>> register(@NotNull @Valid MeterRequest request) {
        return meters.register(request, caller).map(m -> Responses.created("/meters/" + m.id, MeterView.of(m)));
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Meters in id order; pass next as after for the following page")
    public Uni<Page<MeterView>> list(@QueryParam("zone") String zone, @QueryParam("account") String account,
                                     @QueryParam("utility") Utility utility, @QueryParam("after") String after,
                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return meters.page(zone, account, utility, after, limit + 1)
                .map(rows -> Page.of(rows, limit, m -> m.id, MeterView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.BILLING_SERVICE})
    @Operation(summary = "A meter: billing-service checks an account's meters with it")
    public Uni<MeterView> get(@PathParam("id") String id) {
        return meters.find(id).map(m -> {
            if (m == null) {
                throw ProblemException.notFound("meter", id);
            }
            return MeterView.of(m);
        });
    }

    @POST
    @Path("/{id}/replacement")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Swap a meter: close it with its final register and start its successor")
    public Uni<RestResponse<MeterView>> replace(@PathParam("id") String id,
                                                @NotNull @Valid ReplacementRequest request) {
        return meters.replace(id, request, caller)
                .map(m -> Responses.created("/meters/" + m.id, MeterView.of(m)));
    }

    @GET
    @Path("/{id}/assignments")
    @RolesAllowed({Roles.OPERATOR, Roles.BILLING_SERVICE})
    @Operation(summary = "Which account the meter belonged to when: metering-service owns this history")
    public Uni<AssignmentHistory> assignments(@PathParam("id") String id) {
        return meters.find(id).chain(m -> {
            if (m == null) {
                throw ProblemException.notFound("meter", id);
            }
            return assignments.history(id).map(history -> new AssignmentHistory(id, m.assignmentVersion, history));
        });
    }

    @POST
    @Path("/{id}/assignments")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Assign the meter to an account, move it to another, or (accountNumber null) to none, from "
            + "an instant on; billing-service bills each part of a period to the account that held the meter then")
    public Uni<AssignmentHistory> assign(@PathParam("id") String id, @NotNull @Valid AssignmentRequest request) {
        return meters.assign(id, request, caller).chain(history -> meters.find(id)
                .map(m -> new AssignmentHistory(id, m.assignmentVersion, history)));
    }

    @POST
    @Path("/{id}/decommission")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Take a meter out of service with its final register")
    public Uni<MeterView> decommission(@PathParam("id") String id, @NotNull @Valid DecommissionRequest request) {
        return meters.decommission(id, request).map(MeterView::of);
    }
}
