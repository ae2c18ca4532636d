package kz.aqkol.metering.consumption;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import kz.aqkol.metering.consumption.ConsumptionViews.MeterConsumption;
import kz.aqkol.metering.meter.MeterAccess;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/meters/{id}/consumption")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption")
public class ConsumptionResource {

    private final ConsumptionService consumption;
    private final MeterAccess access;

    ConsumptionResource(ConsumptionService consumption, MeterAccess access) {
        this.consumption = consumption;
        this.access = access;
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "A meter's consumption over [from, to), interval by interval, with quality flags; "
            + "staff state why in X-Purpose")
    public Uni<MeterConsumption> meter(@PathParam("id") String id, @QueryParam("from") @NotNull Instant from,
                                       @QueryParam("to") @NotNull Instant to,
                                       @QueryParam("interval") @DefaultValue("DAY") Granularity interval,
                                       @QueryParam("energy") @DefaultValue("false") boolean energy,
                                       @HeaderParam(Purpose.HEADER) String purposeHeader) {
        checkPeriod(from, to);
        Purpose purpose = access.purpose(purposeHeader);
        return access.visible(id).chain(meter -> consumption.ofMeter(meter, from, to, interval, energy)
                .call(() -> access.read(meter, "consumption", purpose)));
    }

    static void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
    }
}
