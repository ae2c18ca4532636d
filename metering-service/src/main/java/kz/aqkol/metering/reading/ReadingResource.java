package kz.aqkol.metering.reading;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.metering.meter.MeterAccess;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/meters/{id}/readings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Readings")
public class ReadingResource {

    private final ReadingService readings;
    private final MeterAccess access;

    ReadingResource(ReadingService readings, MeterAccess access) {
        this.readings = readings;
        this.access = access;
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Raw readings in [from, to), oldest first; pass next as from for the following page (it is just past the last reading shown)")
    public Uni<Page<ReadingView>> list(@PathParam("id") String id, @QueryParam("from") @NotNull Instant from,
                                       @QueryParam("to") @NotNull Instant to,
                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                       @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = access.purpose(purposeHeader);
        return access.visible(id).chain(meter -> readings.between(id, from, to, limit + 1)
                .call(() -> access.read(meter, "readings", purpose))
                .map(rows -> Page.of(rows, limit, r -> r.occurredAt.plusNanos(1).toString(), ReadingView::of)));
    }

    public record ReadingView(UUID id, Instant occurredAt, BigDecimal register, List<String> flags,
                              Instant receivedAt) {

        public static ReadingView of(Reading r) {
            return new ReadingView(r.id, r.occurredAt, r.register.stripTrailingZeros(),
                    r.flags == null ? List.of() : List.of(r.flags.split(",")), r.receivedAt);
        }
    }
}
