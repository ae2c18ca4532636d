package kz.aqkol.alert.alert;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertService alerts;

    AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Alerts, most recently seen first; pass next as before for the following page")
    public Uni<Page<AlertView>> list(@QueryParam("status") Alert.Status status,
                                     @QueryParam("severity") Severity severity,
                                     @QueryParam("source") String source, @QueryParam("before") String before,
                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        AlertRepository.Cursor cursor;
        try {
            cursor = before == null ? null : AlertRepository.Cursor.parse(before);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("before", "is not a cursor this service gave out");
        }
        return alerts.page(status, severity, source, cursor, limit + 1)
                .map(rows -> Page.of(rows, limit, AlertRepository.Cursor::of, AlertView::of));
    }

    @GET
    @Path("/{id}")
    public Uni<AlertView> get(@PathParam("id") UUID id) {
        return alerts.find(id).map(alert -> {
            if (alert == null) {
                throw ProblemException.notFound("alert", id);
            }
            return AlertView.of(alert);
        });
    }
}
