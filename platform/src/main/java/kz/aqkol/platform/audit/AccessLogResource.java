package kz.aqkol.platform.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A resident's view of the chain: who looked at their data in this service, when, and why. */
@Path("/me/access-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Me")
public class AccessLogResource {

    private final AuditLog log;
    private final Caller caller;

    AccessLogResource(AuditLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who accessed my data, newest first")
    public Uni<Page<Access>> list(@QueryParam("before") @Min(1) Long before,
                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        AuditQuery query = new AuditQuery(null, null, null, null, caller.account(), null, null, before);
        return log.list(query, limit + 1)
                .map(rows -> Page.of(rows, limit, entry -> Long.toString(entry.seq()), Access::of));
    }

    /** One access as the resident sees it. */
    @RegisterForReflection
    public record Access(long seq, Instant at, String who, String role, String action, String objectType,
                         String objectId, String purpose) {

        static Access of(AuditEntry e) {
            return new Access(e.seq(), e.occurredAt(), e.actor(), e.role(), e.action(), e.objectType(), e.objectId(),
                    e.purpose());
        }
    }
}
