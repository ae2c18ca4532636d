package kz.aqkol.billing.tariff;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/tariffs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tariffs")
public class TariffResource {

    private final TariffStore tariffs;
    private final Caller caller;

    TariffResource(TariffStore tariffs, Caller caller) {
        this.tariffs = tariffs;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "Every tariff version ever made, public: anyone can see what everyone pays, since when, "
            + "who decided it and why")
    public Uni<List<Tariff>> list(@QueryParam("utility") Utility utility) {
        return tariffs.all(utility);
    }

    @GET
    @Path("{id}")
    @PermitAll
    public Uni<Tariff> get(@PathParam("id") long id) {
        return tariffs.find(id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "A new version (versions are never edited); recorded with its author and reason")
    public Uni<RestResponse<Tariff>> add(@NotNull @Valid TariffRequest request) {
        return tariffs.add(request, caller.name()).map(t -> Responses.created("/tariffs/" + t.id(), t));
    }
}
