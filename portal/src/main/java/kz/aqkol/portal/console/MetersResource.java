package kz.aqkol.portal.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.console.ConsoleApis.ValveCommand;
import kz.aqkol.portal.console.MeterStates.MeterState;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Meter health, for operators: meters that leak, were tampered with, went silent or had their valve closed (from
 * metering-service's meters and the open alerts it raised), and one meter's valve commands with their outcome. All
 * of it is about households, so nothing is shown until the operator states why they look.
 */
@Path("/console/meters")
@RolesAllowed("operator")
@Produces(MediaType.TEXT_HTML)
public class MetersResource {

    static final int COMMANDS = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance meters(Visitor v, PurposeForm form, List<MeterState> troubled, String meter,
                                              List<ValveCommand> commands);
    }

    private final Visitor visitor;
    private final ConsoleApis.Metering metering;
    private final ConsoleApis.Alert alert;

    @Inject
    MetersResource(Visitor visitor, @RestClient ConsoleApis.Metering metering, @RestClient ConsoleApis.Alert alert) {
        this.visitor = visitor;
        this.metering = metering;
        this.alert = alert;
    }

    @GET
    public Response meters(@QueryParam("purpose") String purpose, @QueryParam("note") String note,
                           @QueryParam("meter") String meter) {
        StatedPurpose stated = StatedPurpose.of(purpose, note);
        String chosen = meter == null || meter.isBlank() ? null : meter.strip();
        // the first visit (nothing sent yet) is not an error: it asks for a purpose
        boolean sent = stated != null || chosen != null || note != null;
        PurposeForm form = PurposeForm.required(stated, sent);
        if (!form.ok()) {
            return Response.status(sent ? 400 : 200).entity(Templates.meters(visitor, form, List.of(), chosen,
                    List.of())).build();
        }
        List<AlertView> open = PlanResource.openAlerts(alert, visitor.bearer(), stated, "metering-service");
        List<MeterState> troubled = MeterStates.troubled(PlanResource.meters(metering, visitor.bearer()), open);
        List<ValveCommand> commands = chosen == null ? List.of()
                : metering.valveCommands(visitor.bearer(), stated.header(), chosen, COMMANDS);
        return Response.ok(Templates.meters(visitor, form, troubled, chosen, commands)).build();
    }
}
