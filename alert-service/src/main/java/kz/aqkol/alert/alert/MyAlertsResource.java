package kz.aqkol.alert.alert;

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
import java.util.Map;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A resident's alerts: those about their own account (a leak at their meter, their account overdue). */
@Path("/me/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Me")
public class MyAlertsResource {

    private final AlertService alerts;
    private final Caller caller;

    MyAlertsResource(AlertService alerts, Caller caller) {
        this.alerts = alerts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Alerts about my account, most recently seen first")
    public Uni<Page<AlertView>> mine(@QueryParam("status") Alert.Status status, @QueryParam("before") String before,
                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        AlertRepository.AlertFilter filter = new AlertRepository.AlertFilter(status, null, null,
                Map.of("account", caller.account()));
        return alerts.page(filter, AlertResource.cursor(before), limit + 1)
                .map(rows -> Page.of(rows, limit, AlertRepository.Cursor::of, AlertView::of));
    }
}
