package kz.aqkol.metering.consumption;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import kz.aqkol.metering.consumption.ConsumptionViews.ZoneConsumption;
import kz.aqkol.metering.meter.Utility;
import kz.aqkol.platform.problem.ProblemException;
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

    /** Longest series one request may ask for, in village days. */
    static final int MAX_SERIES_DAYS = 731;

    @GET
    @Path("/series")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "A zone's consumption per village day or month over [from, to] (dates, both included), per"
            + " utility and unit, with how much of it was estimated or suspect and how many households it sums")
    public Uni<List<ZonePeriod>> series(@PathParam("zone") String zone, @QueryParam("from") @NotNull LocalDate from,
                                        @QueryParam("to") @NotNull LocalDate to,
                                        @QueryParam("interval") @DefaultValue("DAY") Granularity interval,
                                        @QueryParam("utility") Utility utility) {
        if (interval == Granularity.HOUR) {
            throw ProblemException.invalid("interval", "is DAY or MONTH for a zone");
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_SERIES_DAYS) {
            throw ProblemException.invalid("to", "is more than " + MAX_SERIES_DAYS + " days after from");
        }
        LocalDate first = interval == Granularity.MONTH ? from.withDayOfMonth(1) : from;
        LocalDate last = interval == Granularity.MONTH ? to.withDayOfMonth(to.lengthOfMonth()) : to;
        return consumption.zonePeriods(zone, first, last, List.of(interval))
                .map(periods -> periods.get(interval).stream()
                        .filter(p -> utility == null || p.utility() == utility).toList());
    }
}
