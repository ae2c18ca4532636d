package kz.aqkol.metering.consumption;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import kz.aqkol.metering.consumption.ConsumptionViews.ZoneConsumption;
import kz.aqkol.metering.meter.Utility;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/zones/{zone}/consumption")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption")
public class ZoneConsumptionResource {

    private final ConsumptionService consumption;

    ZoneConsumptionResource(ConsumptionService consumption) {
        this.consumption = consumption;
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "A zone's total consumption over [from, to), per utility and unit")
    public Uni<List<ZoneConsumption>> zone(@PathParam("zone") String zone, @QueryParam("from") @NotNull Instant from,
                                           @QueryParam("to") @NotNull Instant to,
                                           @QueryParam("utility") Utility utility) {
        ConsumptionResource.checkPeriod(from, to);
        return consumption.ofZone(zone, utility, from, to);
    }
}
