package kz.aqkol.portal.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.web.Visitor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The alert desk: alert-service's alerts, acknowledged, assigned and resolved in the person's own name. The list
 * is rendered on the server; {@code static/console.js} keeps it live by listening to {@link #stream()} (alert-service's
 * own stream, relayed with the person's token) and fetching {@link #rows} again when something changes.
 */
@Path("/console/alerts")
@RolesAllowed({"operator", "dispatcher"})
@Produces(MediaType.TEXT_HTML)
public class AlertsResource {

    private static final Logger LOG = Logger.getLogger(AlertsResource.class);
    static final int LIMIT = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(Visitor v, AlertFilter filter, List<AlertView> alerts, boolean more,
                                              PurposeForm form);

        static native TemplateInstance rows(Visitor v, AlertFilter filter, List<AlertView> alerts);
    }

    private final Visitor visitor;
    private final ConsoleApis.Alert alert;
    private final ObjectMapper json;

    @Inject
    AlertsResource(Visitor visitor, @RestClient ConsoleApis.Alert alert, ObjectMapper json) {
        this.visitor = visitor;
        this.alert = alert;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("show") String show, @QueryParam("severity") String severity,
                         @QueryParam("purpose") String purpose, @QueryParam("note") String note) {
        AlertFilter filter = AlertFilter.of(show, severity, purpose, note);
        PurposeForm form = PurposeForm.defaulted(filter.purpose());
        List<AlertView> alerts = form.ok() ? fetch(filter) : List.of();
        return Response.status(form.ok() ? 200 : 400)
                .entity(Templates.alerts(visitor, filter, alerts, alerts.size() >= LIMIT, form)).build();
    }

    /** The list's rows alone, for the page's script to put in place when the stream says something changed. */
    @GET
    @Path("rows")
    public TemplateInstance rows(@QueryParam("show") String show, @QueryParam("severity") String severity,
                                 @QueryParam("purpose") String purpose, @QueryParam("note") String note) {
        AlertFilter filter = AlertFilter.of(show, severity, purpose, note);
        if (!filter.purpose().valid()) {
            throw new jakarta.ws.rs.BadRequestException();
        }
        return Templates.rows(visitor, filter, fetch(filter));
    }

    /**
     * Alert-service's live changes, relayed to the browser with the person's own token: each event says only which
     * alert changed (the page then fetches its rows, which records the read with the stated purpose). The relay's
     * subscription to alert-service ends when the browser goes away: Quarkus REST cancels this Multi when the
     * connection closes, and the REST client closes its connection to alert-service on cancellation.
     */
    @GET
    @Path("stream")
    @Blocking // the person's token is resolved on a worker thread (lazy authentication); the relay itself is not
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        String who = visitor.subject();
        return alert.stream(visitor.bearer())
                .map(this::alertId)
                .filter(id -> !id.isEmpty())
                .onSubscription().invoke(() -> LOG.debugf("alert relay opened for %s", who))
                .onTermination().invoke(() -> LOG.debugf("alert relay closed for %s", who));
    }

    @POST
    @Path("{id}/acknowledge")
    public Response acknowledge(@PathParam("id") UUID id, @RestForm String comment, @RestForm String show,
                                @RestForm String severity, @RestForm String purpose, @RestForm String note) {
        alert.acknowledge(visitor.bearer(), id, new ConsoleApis.Note(blankToNull(comment)));
        return back(show, severity, purpose, note);
    }

    @POST
    @Path("{id}/assign")
    public Response assign(@PathParam("id") UUID id, @RestForm String assignee, @RestForm String show,
                           @RestForm String severity, @RestForm String purpose, @RestForm String note) {
        alert.assign(visitor.bearer(), id, new ConsoleApis.Assignment(assignee == null ? "" : assignee.strip()));
        return back(show, severity, purpose, note);
    }

    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") UUID id, @RestForm String reason, @RestForm String show,
                            @RestForm String severity, @RestForm String purpose, @RestForm String note) {
        alert.resolve(visitor.bearer(), id, new ConsoleApis.Resolution(reason == null ? "" : reason.strip()));
        return back(show, severity, purpose, note);
    }

    private List<AlertView> fetch(AlertFilter filter) {
        List<AlertView> all = new ArrayList<>();
        for (String status : filter.statuses()) {
            all.addAll(alert.alerts(visitor.bearer(), filter.purpose().header(), status.isEmpty() ? null : status,
                    filter.severity(), null, null, LIMIT).items());
        }
        all.sort(Comparator.comparing(AlertView::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())));
        return all.size() > LIMIT ? List.copyOf(all.subList(0, LIMIT)) : all;
    }

    private String alertId(String event) {
        try {
            String id = json.readTree(event).path("id").asText("");
            return id.matches("[0-9a-fA-F-]{36}") ? id : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Response back(String show, String severity, String purpose, String note) {
        return Response.seeOther(URI.create(AlertFilter.of(show, severity, purpose, note).page())).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
