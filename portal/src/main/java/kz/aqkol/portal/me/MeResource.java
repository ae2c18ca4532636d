package kz.aqkol.portal.me;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;
import kz.aqkol.portal.me.MeApis.Access;
import kz.aqkol.portal.me.MeApis.AlertView;
import kz.aqkol.portal.me.MeApis.Balance;
import kz.aqkol.portal.me.MeApis.Invoice;
import kz.aqkol.portal.me.MeApis.Meter;
import kz.aqkol.portal.me.MeApis.Page;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The resident's home ({@code /me}), alerts and access log. Each part comes from one service with the resident's own
 * token; a service that does not answer leaves its part saying so and the rest of the page intact.
 */
@Path("/me")
@RolesAllowed("resident")
@Produces(MediaType.TEXT_HTML)
public class MeResource {

    static final int HOME_INVOICES = 3;
    static final int ACCESS_PAGE = 25;
    static final List<String> SERVICES = List.of("billing-service", "metering-service", "alert-service",
            "camera-service");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Visitor v, Section<Balance> balance, Section<Page<Invoice>> invoices,
                                            Section<List<Meter>> meters, Section<Page<AlertView>> alerts);

        static native TemplateInstance alerts(Visitor v, Section<Page<AlertView>> alerts);

        static native TemplateInstance accessLog(Visitor v, AccessLog.Merged log);

        static native TemplateInstance accessLogOf(Visitor v, String service, Page<Access> page);
    }

    @Inject
    Visitor visitor;

    @RestClient
    MeApis.Billing billing;

    @RestClient
    MeApis.Metering metering;

    @RestClient
    MeApis.Alert alert;

    @RestClient
    MeApis.Camera camera;

    @GET
    public TemplateInstance home() {
        String bearer = visitor.bearer();
        return Templates.home(visitor,
                Section.of("balance", () -> billing.balance(bearer)),
                Section.of("invoices", () -> billing.invoices(bearer, null, HOME_INVOICES)),
                Section.of("meters", () -> metering.meters(bearer).stream().filter(Meter::active).toList()),
                Section.of("alerts", () -> alert.alerts(bearer, "OPEN", null, 10)));
    }

    @GET
    @Path("alerts")
    public TemplateInstance alerts() {
        return Templates.alerts(visitor, Section.of("alerts", () -> alert.alerts(visitor.bearer(), null, null, 50)));
    }

    /**
     * Without parameters: the first page of every service's log, merged. With {@code service} and {@code before}:
     * that one service's next page, as it pages.
     */
    @GET
    @Path("access-log")
    public TemplateInstance accessLog(@QueryParam("service") String service, @QueryParam("before") Long before) {
        String bearer = visitor.bearer();
        if (service != null) {
            if (!SERVICES.contains(service) || before == null || before < 1) {
                throw new NotFoundException();
            }
            return Templates.accessLogOf(visitor, service, log(service, bearer, before));
        }
        List<AccessLog.ServicePage> pages = SERVICES.stream().map(name -> page(name, () -> log(name, bearer, null)))
                .toList();
        return Templates.accessLog(visitor, AccessLog.merge(pages));
    }

    private Page<Access> log(String service, String bearer, Long before) {
        return switch (service) {
            case "billing-service" -> billing.accessLog(bearer, before, ACCESS_PAGE);
            case "metering-service" -> metering.accessLog(bearer, before, ACCESS_PAGE);
            case "alert-service" -> alert.accessLog(bearer, before, ACCESS_PAGE);
            default -> camera.accessLog(bearer, before, ACCESS_PAGE);
        };
    }

    private static AccessLog.ServicePage page(String service, Supplier<Page<Access>> fetch) {
        Section<Page<Access>> page = Section.of(service + " access log", fetch);
        return page.unavailable() ? AccessLog.ServicePage.unavailable(service)
                : new AccessLog.ServicePage(service, page.value().items(), page.value().next(), false);
    }
}
