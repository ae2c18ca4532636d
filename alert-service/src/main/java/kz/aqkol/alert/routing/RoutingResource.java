package kz.aqkol.alert.routing;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The routing tree, inhibition rules and receivers, for operators. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class RoutingResource {

    private final RoutingService routing;
    private final Caller caller;

    RoutingResource(RoutingService routing, Caller caller) {
        this.routing = routing;
        this.caller = caller;
    }

    @GET
    @Path("routing")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Versioned routing() {
        return new Versioned(routing.version(), routing.current());
    }

    @PUT
    @Path("routing")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Replace the routing tree and inhibition rules (every version is kept)")
    public Uni<Versioned> save(@NotNull RoutingConfig config) {
        return routing.save(config, caller).map(version -> new Versioned(version, config));
    }

    @POST
    @Path("receivers")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Add a webhook receiver; its signing key is shown in this answer only")
    public Uni<RestResponse<NewReceiver>> add(@NotNull @Valid ReceiverRequest request) {
        return routing.addReceiver(request.name(), request.team(), request.webhookUrl(), request.signingKey(),
                        caller)
                .map(r -> Responses.created("/receivers", new NewReceiver(r.name, r.team, r.webhookUrl,
                        r.signingKey)));
    }

    @GET
    @Path("receivers")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<List<ReceiverView>> receivers() {
        return routing.receivers().map(list -> list.stream()
                .map(r -> new ReceiverView(r.name, r.team, r.webhookUrl)).toList());
    }

    public record Versioned(long version, RoutingConfig config) {
    }

    public record ReceiverRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String name,
                                  @Size(max = 100) String team,
                                  @NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
                                  @Size(max = 500) String webhookUrl,
                                  @Size(min = 16, max = 200) String signingKey) {
    }

    public record NewReceiver(String name, String team, String webhookUrl, String signingKey) {
    }

    public record ReceiverView(String name, String team, String webhookUrl) {
    }
}
