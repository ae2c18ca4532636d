package kz.aqkol.metering.me;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import kz.aqkol.metering.consumption.ConsumptionService;
import kz.aqkol.metering.consumption.ConsumptionViews.MeterConsumption;
import kz.aqkol.metering.consumption.Granularity;
import kz.aqkol.metering.meter.MeterAccess;
import kz.aqkol.metering.meter.MeterRepository;
import kz.aqkol.metering.meter.MeterView;
import kz.aqkol.metering.reading.ReadingResource.ReadingView;
import kz.aqkol.metering.reading.ReadingService;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A resident's own meters: the account is the token's subject; anyone else's meter answers 404, and a meter's data
 * starts when it became the resident's (a household moving in does not see the one before).
 */
@Path("/me/meters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Me")
public class MyMetersResource {

    private final MeterRepository meters;
    private final MeterAccess access;
    private final ConsumptionService consumption;
    private final ReadingService readings;
    private final Caller caller;

    MyMetersResource(MeterRepository meters, MeterAccess access, ConsumptionService consumption,
                     ReadingService readings, Caller caller) {
        this.meters = meters;
        this.access = access;
        this.consumption = consumption;
        this.readings = readings;
        this.caller = caller;
    }

    @GET
    @WithSession
    @Operation(summary = "My meters, including those replaced")
    public Uni<List<MeterView>> mine() {
        return meters.ofAccount(caller.account()).map(list -> list.stream().map(MeterView::of).toList());
    }

    @GET
    @Path("{id}")
    public Uni<MeterView> one(@PathParam("id") String id) {
        return access.visible(id).map(MeterView::of);
    }

    @GET
    @Path("{id}/consumption")
    public Uni<MeterConsumption> consumption(@PathParam("id") String id, @QueryParam("from") @NotNull Instant from,
                                             @QueryParam("to") @NotNull Instant to,
                                             @QueryParam("interval") @DefaultValue("DAY") Granularity interval) {
        return access.visible(id).chain(meter -> access.clipped(meter, from, to)
                .chain(since -> consumption.ofMeter(meter, since, to, interval, false)));
    }

    @GET
    @Path("{id}/readings")
    public Uni<Page<ReadingView>> readings(@PathParam("id") String id, @QueryParam("from") @NotNull Instant from,
                                           @QueryParam("to") @NotNull Instant to,
                                           @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX_LIMIT)
                                           int limit) {
        return access.visible(id).chain(meter -> access.clipped(meter, from, to))
                .chain(since -> readings.between(id, since, to, limit + 1))
                .map(rows -> Page.of(rows, limit, r -> r.occurredAt.plusNanos(1).toString(), ReadingView::of));
    }
}
