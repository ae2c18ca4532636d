package kz.aqkol.portal.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import kz.aqkol.portal.console.ConsoleApis.AssignmentHistory;
import kz.aqkol.portal.console.ConsoleApis.AssignmentRequest;
import kz.aqkol.portal.web.ServiceProblem;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Which account each meter belongs to, for operators: a meter's history as metering-service (its one owner) keeps
 * it, and a form to assign the meter to an account, move it to another or to none, from an instant on. billing-service
 * follows the history over the broker and bills each part of a month to the account that held the meter then.
 */
@Path("/console/assignments")
@RolesAllowed("operator")
@Produces(MediaType.TEXT_HTML)
public class AssignmentsResource {

    private static final Logger LOG = Logger.getLogger(AssignmentsResource.class);
    /** Meter and account ids as metering-service takes them. */
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance assignments(Visitor v, String meter, Lookup lookup, Form form, boolean done,
                                                   Refusal refusal);
    }

    /** The meter's history; or that metering-service knows no such meter, or did not answer. */
    public record Lookup(AssignmentHistory history, boolean unknown, boolean unavailable) {
    }

    /** What the operator typed, shown again when it was refused; {@code from} as a datetime-local field holds it. */
    public record Form(String account, String from, String reason) {
    }

    /** Why the change was not made: the page's own finding ({@code invalid.from}) or metering-service's answer. */
    public record Refusal(int status, String why, String detail) {
    }

    private final Visitor visitor;
    private final ConsoleApis.Metering metering;

    @Inject
    AssignmentsResource(Visitor visitor, @RestClient ConsoleApis.Metering metering) {
        this.visitor = visitor;
        this.metering = metering;
    }

    @GET
    public TemplateInstance page(@QueryParam("meter") String meter, @QueryParam("done") String done) {
        String chosen = meter == null || meter.isBlank() ? null : meter.strip();
        return page(chosen, new Form("", now(), ""), "1".equals(done), null);
    }

    @POST
    @Path("{meter}")
    public Response assign(@PathParam("meter") String meter, @RestForm String account, @RestForm String from,
                           @RestForm String reason) {
        Form form = new Form(strip(account), strip(from), strip(reason));
        Instant at = instant(form.from());
        String invalid = !form.account().isEmpty() && !form.account().matches(ID) ? "invalid.account"
                : at == null ? "invalid.from"
                : form.reason().isEmpty() ? "invalid.reason"
                : null;
        if (invalid != null) {
            return Response.status(400).entity(page(meter, form, false, new Refusal(400, invalid, null))).build();
        }
        try {
            metering.assign(visitor.bearer(), meter, new AssignmentRequest(
                    form.account().isEmpty() ? null : form.account(), at, form.reason()));
            return Response.seeOther(URI.create("/console/assignments?done=1&meter="
                    + URLEncoder.encode(meter, StandardCharsets.UTF_8) + "#history")).build();
        } catch (WebApplicationException e) {
            int status = ServiceProblem.refusal(e);
            return Response.status(status).entity(page(meter, form, false, new Refusal(status,
                    status == 400 || status == 404 || status == 409 ? Integer.toString(status) : "other",
                    ServiceProblem.detail(e.getResponse())))).build();
        }
    }

    private TemplateInstance page(String meter, Form form, boolean done, Refusal refusal) {
        return Templates.assignments(visitor, meter, meter == null ? null : lookup(meter), form, done, refusal);
    }

    private Lookup lookup(String meter) {
        if (!meter.matches(ID)) {
            return new Lookup(null, true, false);
        }
        try {
            return new Lookup(metering.assignments(visitor.bearer(), meter), false, false);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return new Lookup(null, true, false);
            }
            LOG.warnf("meter history unavailable: %s", e.toString());
            return new Lookup(null, false, true);
        } catch (RuntimeException e) {
            LOG.warnf("meter history unavailable: %s", e.toString());
            return new Lookup(null, false, true);
        }
    }

    /** Now on the village's clock, to the minute, as a datetime-local field shows it. */
    private String now() {
        return LocalDateTime.now(visitor.formatsZone()).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A datetime-local value ({@code 2026-11-15T08:30}) on the village's clock, or null. */
    private Instant instant(String local) {
        try {
            return local.isEmpty() ? null : LocalDateTime.parse(local).atZone(visitor.formatsZone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
