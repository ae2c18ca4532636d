package kz.aqkol.metering.consumption;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.metering.consumption.ConsumptionViews.MeterPeriod;
import kz.aqkol.platform.audit.PersonalDataReads;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/consumption/periods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption")
public class PeriodResource {

    private final ConsumptionService consumption;
    private final PersonalDataReads reads;
    private final Caller caller;

    PeriodResource(ConsumptionService consumption, PersonalDataReads reads, Caller caller) {
        this.consumption = consumption;
        this.reads = reads;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.BILLING_SERVICE})
    @Operation(summary = "Billing's call: many meters (or accounts) over one period, with the registers at its "
            + "edges. When billing-service asks, the answer is remembered and later changes become corrections. "
            + "Each meter of a resident in the answer leaves an audit entry; staff state why in X-Purpose.")
    public Uni<List<MeterPeriod>> periods(@NotNull @Valid PeriodRequest request,
                                          @HeaderParam(Purpose.HEADER) String purposeHeader) {
        ConsumptionResource.checkPeriod(request.from(), request.to());
        Purpose purpose = reads.purpose(purposeHeader);
        boolean billing = caller.is(Roles.BILLING_SERVICE);
        return consumption.forPeriod(request.meters() == null ? List.of() : request.meters(),
                        request.accounts() == null ? List.of() : request.accounts(), request.from(), request.to(),
                        billing)
                .call(periods -> reads.record(periods.stream()
                        .map(p -> new PersonalDataReads.Read("consumption-period", p.meterId(), p.accountNumber()))
                        .toList(), purpose));
    }
}
