package kz.aqkol.metering.valve;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveState;
import kz.aqkol.metering.meter.MeterAccess;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/meters/{id}/valve-commands")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Valves")
public class ValveResource {

    private final ValveService valves;
    private final MeterAccess access;
    private final Caller caller;

    ValveResource(ValveService valves, MeterAccess access, Caller caller) {
        this.valves = valves;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Open or close a meter's valve")
    public Uni<RestResponse<CommandView>> send(@PathParam("id") String id, @NotNull @Valid CommandRequest request) {
        return valves.command(id, request.command(), request.reason(), caller)
                .map(c -> Responses.created("/meters/" + id + "/valve-commands", CommandView.of(c)));
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The meter's valve commands, newest first, with their outcome (a household's "
            + "disconnection history: staff state why in X-Purpose)")
    public Uni<List<CommandView>> history(@PathParam("id") String id,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT)
                                          int limit, @HeaderParam(Purpose.HEADER) String purposeHeader) {
        Purpose purpose = access.purpose(purposeHeader);
        return access.visible(id).chain(meter -> valves.history(id, limit)
                .call(() -> access.read(meter, "valve-commands", purpose)))
                .map(list -> list.stream().map(CommandView::of).toList());
    }

    public record CommandRequest(@NotNull ValveAction command, @NotBlank @Size(max = 500) String reason) {
    }

    public record CommandView(UUID id, String meterId, ValveAction command, String reason, String requestedBy,
                              Instant requestedAt, ValveCommandRecord.Status status, Instant answeredAt,
                              ValveState valve) {
        static CommandView of(ValveCommandRecord c) {
            return new CommandView(c.id, c.meterId, c.action, c.reason, c.requestedBy, c.requestedAt, c.status,
                    c.answeredAt, c.valve);
        }
    }
}
