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
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.console.ConsoleApis.CameraView;
import kz.aqkol.portal.console.ConsoleApis.MeterView;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The village plan: cameras where they stand and zones' troubled meters, with their state, drawn as inline SVG from
 * the services' own data (no map tiles: the village may have no internet), and the same as a list. Operators and
 * dispatchers (camera-service lists cameras to them); only operators may list meters, so a dispatcher sees the meters
 * that open alerts name.
 */
@Path("/console/plan")
@RolesAllowed({"operator", "dispatcher"})
@Produces(MediaType.TEXT_HTML)
public class PlanResource {

    static final int PAGE = 500;
    /** Enough for a village; the page says when there were more. */
    static final int MAX_PAGES = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance plan(Visitor v, VillagePlan plan, PurposeForm form, boolean metersListed);
    }

    private final Visitor visitor;
    private final ConsoleApis.Camera camera;
    private final ConsoleApis.Metering metering;
    private final ConsoleApis.Alert alert;

    @Inject
    PlanResource(Visitor visitor, @RestClient ConsoleApis.Camera camera, @RestClient ConsoleApis.Metering metering,
                 @RestClient ConsoleApis.Alert alert) {
        this.visitor = visitor;
        this.camera = camera;
        this.metering = metering;
        this.alert = alert;
    }

    @GET
    public Response plan(@QueryParam("purpose") String purpose, @QueryParam("note") String note) {
        StatedPurpose stated = StatedPurpose.of(purpose == null || purpose.isBlank() ? AlertFilter.DEFAULT_PURPOSE
                : purpose, note);
        PurposeForm form = PurposeForm.defaulted(stated);
        if (!form.ok()) {
            return Response.status(400).entity(Templates.plan(visitor, VillagePlan.of(List.of(), List.of(),
                    List.of()), form, false)).build();
        }
        boolean operator = visitor.has("operator");
        List<CameraView> cameras = cameras();
        List<MeterView> meters = operator ? meters(metering, visitor.bearer()) : List.of();
        List<AlertView> open = openAlerts(alert, visitor.bearer(), stated, null);
        VillagePlan plan = VillagePlan.of(cameras, MeterStates.troubled(meters, open), open);
        return Response.ok(Templates.plan(visitor, plan, form, operator)).build();
    }

    private List<CameraView> cameras() {
        List<CameraView> all = new ArrayList<>();
        String after = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            ConsoleApis.Page<CameraView> page = camera.cameras(visitor.bearer(), after, PAGE);
            all.addAll(page.items());
            after = page.next();
            if (after == null) {
                break;
            }
        }
        return all;
    }

    /** Every meter metering-service lists, page by page (operators only). */
    static List<MeterView> meters(ConsoleApis.Metering metering, String bearer) {
        List<MeterView> all = new ArrayList<>();
        String after = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            ConsoleApis.Page<MeterView> page = metering.meters(bearer, after, PAGE);
            all.addAll(page.items());
            after = page.next();
            if (after == null) {
                break;
            }
        }
        return all;
    }

    /** The unresolved alerts (open and acknowledged), of one source or all, read with the stated purpose. */
    static List<AlertView> openAlerts(ConsoleApis.Alert alert, String bearer, StatedPurpose purpose, String source) {
        List<AlertView> open = new ArrayList<>();
        for (String status : List.of("OPEN", "ACKNOWLEDGED")) {
            open.addAll(alert.alerts(bearer, purpose.header(), status, null, source, null, PAGE).items());
        }
        return open;
    }
}
