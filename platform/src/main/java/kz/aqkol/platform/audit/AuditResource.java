package kz.aqkol.platform.audit;

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
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The service's access-audit chain, for auditors: read it, and check that nobody has rewritten it. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "Audit")
public class AuditResource {

    private final AuditLog log;
    private final AuditVerification verification;

    AuditResource(AuditLog log, AuditVerification verification) {
        this.log = log;
        this.verification = verification;
    }

    @GET
    @Operation(summary = "Audit entries, newest first; pass next as before for the following page")
    public Uni<Page<AuditEntry>> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                      @QueryParam("objectType") String objectType,
                                      @QueryParam("objectId") String objectId,
                                      @QueryParam("subjectAccount") String subjectAccount,
                                      @QueryParam("from") Instant from, @QueryParam("to") Instant to,
                                      @QueryParam("before") @Min(1) Long before,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        AuditQuery query = new AuditQuery(actor, action, objectType, objectId, subjectAccount, from, to, before);
        return log.list(query, limit + 1)
                .map(rows -> Page.of(rows, limit, entry -> Long.toString(entry.seq()), entry -> entry));
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute every link of the chain and compare it with the checkpoints the other services "
            + "hold; names the first broken entry, a cut tail or a recomputed chain")
    public Uni<ChainVerdict> verify() {
        return verification.verify();
    }
}
