package kz.aqkol.billing.run;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/bill-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bill runs")
@RolesAllowed(Roles.OPERATOR)
public class BillRunResource {

    private final BillRuns runs;
    private final Caller caller;

    BillRunResource(BillRuns runs, Caller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bill a month for all accounts or those named; answers 202 at once, progress at the "
            + "Location. Running a period again issues no duplicate invoices.")
    public Uni<RestResponse<BillRunView>> start(@NotNull @Valid BillRunRequest request) {
        return runs.start(YearMonth.parse(request.period()), request.accounts(), caller.name())
                .map(view -> RestResponse.ResponseBuilder.<BillRunView>accepted().entity(view)
                        .location(URI.create("/bill-runs/" + view.id())).build());
    }

    @GET
    @Path("{id}")
    public Uni<BillRunView> get(@PathParam("id") UUID id) {
        return runs.view(id, 100);
    }

    @GET
    @Path("{id}/invoices")
    @Operation(summary = "The invoice of each account the run invoiced or found invoiced")
    public Uni<Map<String, UUID>> invoices(@PathParam("id") UUID id) {
        return runs.view(id, 0).chain(v -> runs.invoices(id));
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Run the accounts left pending again")
    public Uni<RestResponse<BillRunView>> retry(@PathParam("id") UUID id) {
        return runs.retry(id).map(view -> RestResponse.ResponseBuilder.<BillRunView>accepted().entity(view)
                .location(URI.create("/bill-runs/" + view.id())).build());
    }
}
