package kz.aqkol.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit checkpoints, public: anyone (a resident, a journalist, the other services verifying their own chains)
 * may see what this service signed about its chain and what it witnessed of the others'.
 */
@Path("/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Audit")
public class CheckpointResource {

    /** Enough for a witness to hand over a long stretch of another service's checkpoints in one answer. */
    static final int MAX_LIMIT = 1_000;

    private final AuditCheckpoints checkpoints;

    CheckpointResource(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GET
    @Operation(summary = "Newest signed checkpoints of the audit chains: this service's own and those it witnessed")
    public Uni<CheckpointsView> list(@QueryParam("service") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
                                     String service,
                                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(MAX_LIMIT) int limit) {
        return checkpoints.newest(service, limit);
    }
}
