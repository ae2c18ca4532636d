package kz.aqkol.billing.dunning;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/dunning")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dunning")
@RolesAllowed(Roles.OPERATOR)
public class DunningResource {

    private final DunningService dunning;

    DunningResource(DunningService dunning) {
        this.dunning = dunning;
    }

    @POST
    @Path("runs")
    @Operation(summary = "Run a dunning pass now (it also runs on a schedule)")
    public Uni<DunningService.RunResult> run() {
        return dunning.run();
    }

    @GET
    @Path("stages")
    public List<DunningService.Stage> stages() {
        return dunning.stages();
    }
}
