package kz.aqkol.portal.me;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import kz.aqkol.portal.me.MeApis.Consumption;
import kz.aqkol.portal.me.MeApis.Meter;
import kz.aqkol.portal.web.Section;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One of the resident's meters: its valve, and its consumption per day over the last 30 days as a chart and table. */
@Path("/me/meters")
@RolesAllowed("resident")
@Produces(MediaType.TEXT_HTML)
public class MetersResource {

    static final int DAYS = 30;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance meter(Visitor v, Meter meter, Section<Consumption> consumption,
                                             Section<DailyChart> chart);
    }

    @Inject
    Visitor visitor;

    @RestClient
    MeApis.Metering metering;

    @GET
    @Path("{id}")
    public TemplateInstance one(@PathParam("id") String id) {
        String bearer = visitor.bearer();
        Meter meter = metering.meter(bearer, id);
        ZoneId zone = visitor.formatsZone();
        // the last 30 village days, today included: [00:00 29 days ago, 00:00 tomorrow)
        LocalDate today = LocalDate.now(zone);
        Instant from = today.minusDays(DAYS - 1L).atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        Section<Consumption> consumption = Section.of("consumption", () -> metering.consumption(bearer, id, from, to,
                "DAY"));
        Section<DailyChart> chart = consumption.unavailable() ? new Section<>(null, true)
                : new Section<>(DailyChart.of(consumption.value().intervals(), zone), false);
        return Templates.meter(visitor, meter, consumption, chart);
    }
}
