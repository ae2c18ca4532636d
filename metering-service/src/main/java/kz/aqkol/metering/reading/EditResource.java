package kz.aqkol.metering.reading;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.metering.meter.MeterAccess;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Operators' corrections of a meter's register (validation, estimation and editing: the E). */
@Path("/meters/{id}/edits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Readings")
public class EditResource {

    private final ReadingService readings;
    private final MeterAccess access;
    private final Caller caller;

    EditResource(ReadingService readings, MeterAccess access, Caller caller) {
        this.readings = readings;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Correct the register at an instant (the raw reading is kept; the audit chain records it)")
    public Uni<RestResponse<EditView>> edit(@PathParam("id") String id, @NotNull @Valid EditRequest request) {
        return access.visible(id)
                .chain(meter -> readings.edit(meter, request.at(), request.register(),
                        Boolean.TRUE.equals(request.reset()), request.reason(), caller))
                .map(edit -> Responses.created("/meters/" + id + "/edits/" + edit.id, EditView.of(edit)));
    }

    /**
     * {@code reset}: the meter's register was reset to zero before {@code register} (a reset the meter did not
     * report), so consumption counts from zero at {@code at}; absent means false.
     */
    public record EditRequest(@NotNull Instant at, @NotNull @PositiveOrZero BigDecimal register, Boolean reset,
                              @NotBlank @Size(max = 500) String reason) {
    }

    public record EditView(UUID id, Instant at, BigDecimal register, boolean reset, String reason, String editedBy,
                           Instant editedAt) {

        static EditView of(ReadingEdit e) {
            return new EditView(e.id, e.occurredAt, e.register, e.registerReset, e.reason, e.editedBy, e.editedAt);
        }
    }
}
