package kz.aqkol.alert.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.alert.stream.AlertStream;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import kz.aqkol.platform.tracing.Traces;
import kz.aqkol.platform.web.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertService alerts;
    private final AlertStats stats;
    private final AlertStream stream;
    private final AlertAccess access;
    private final Caller caller;

    AlertResource(AlertService alerts, AlertStats stats, AlertStream stream, AlertAccess access, Caller caller) {
        this.alerts = alerts;
        this.stats = stats;
        this.stream = stream;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR})
    @Operation(summary = "Raise or resolve an alert of your own over HTTP (the message of aqkol/v1/alerts/<service>)",
            description = "source must be the caller: a service's token subject, or person.<subject> for a person. "
                    + "Any other source is refused (403): staff resolve another's alert through /alerts/{id}/resolve.")
    public Uni<List<AlertView>> raise(@NotNull AlertRaised alert) {
        Sender.of(caller).refuses(alert.source()).ifPresent(reason -> {
            throw new ProblemException(ProblemType.FORBIDDEN, reason);
        });
        return alerts.takeSignals(List.of(Signal.of(alert, Traces.current())));
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Alerts, most recently seen first; label=name=value (repeatable) filters by labels")
    public Uni<Page<AlertView>> list(@QueryParam("status") Alert.Status status,
                                     @QueryParam("severity") Severity severity,
                                     @QueryParam("source") String source, @QueryParam("label") List<String> labels,
                                     @QueryParam("before") String before,
                                     @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                     @HeaderParam(AlertAccess.PURPOSE) String purposeHeader) {
        Purpose purpose = AlertAccess.purpose(purposeHeader);
        AlertRepository.AlertFilter filter = new AlertRepository.AlertFilter(status, severity, source,
                labelFilter(labels));
        return alerts.page(filter, cursor(before), limit + 1)
                .map(rows -> Page.of(rows, limit, AlertRepository.Cursor::of, AlertView::of))
                .call(page -> access.read(page.items(), "alert", purpose));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<AlertView> get(@PathParam("id") UUID id, @HeaderParam(AlertAccess.PURPOSE) String purposeHeader) {
        Purpose purpose = AlertAccess.purpose(purposeHeader);
        return existing(id).call(alert -> access.read(List.of(alert), "alert", purpose));
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Every change of the alert and who made it, oldest first")
    public Uni<List<TimelineEntry>> timeline(@PathParam("id") UUID id,
                                             @HeaderParam(AlertAccess.PURPOSE) String purposeHeader) {
        Purpose purpose = AlertAccess.purpose(purposeHeader);
        return existing(id).call(alert -> access.read(List.of(alert), "alert-timeline", purpose))
                .chain(alert -> alerts.timeline(id))
                .map(events -> events.stream().map(TimelineEntry::of).toList());
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Take the alert on, in your own name: stops its escalation; audited")
    public Uni<AlertView> acknowledge(@PathParam("id") UUID id, @Valid Note note) {
        return alerts.acknowledge(id, caller, note == null ? null : note.comment()).map(AlertView::of);
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Resolve an alert, whoever raised it, in your own name and with a reason; audited")
    public Uni<AlertView> resolve(@PathParam("id") UUID id, @NotNull @Valid Resolution resolution) {
        return alerts.resolveByHand(id, caller, resolution.reason()).map(AlertView::of);
    }

    @PUT
    @Path("/{id}/assignee")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<AlertView> assign(@PathParam("id") UUID id, @NotNull @Valid Assignment assignment) {
        return alerts.assign(id, assignment.assignee(), caller).map(AlertView::of);
    }

    @GET
    @Path("/stats")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Open alerts by severity; mean time to acknowledge and to resolve over the last days")
    public Uni<AlertStats.Stats> stats(@QueryParam("days") @DefaultValue("30") @Min(1) @Max(366) int days) {
        return stats.compute(Duration.ofDays(days));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.SERVICE, Roles.RESIDENT})
    @Operation(summary = "Live changes of alerts (server-sent events); a resident sees only their own account's")
    public Multi<AlertView> stream() {
        boolean staff = caller.is(Roles.OPERATOR) || caller.is(Roles.DISPATCHER) || caller.is(Roles.SERVICE);
        String account = staff ? null : caller.account();
        return access.streamed(stream.changes().select().where(alert -> staff || alert.concernsAccount(account)));
    }

    private Uni<AlertView> existing(UUID id) {
        return alerts.find(id).map(alert -> {
            if (alert == null) {
                throw ProblemException.notFound("alert", id);
            }
            return AlertView.of(alert);
        });
    }

    static Map<String, String> labelFilter(List<String> labels) {
        Map<String, String> filter = new LinkedHashMap<>();
        for (String label : labels == null ? List.<String>of() : labels) {
            int equals = label.indexOf('=');
            if (equals < 1) {
                throw ProblemException.invalid("label", "must be name=value, got " + label);
            }
            filter.put(label.substring(0, equals), label.substring(equals + 1));
        }
        return filter;
    }

    static AlertRepository.Cursor cursor(String before) {
        try {
            return before == null ? null : AlertRepository.Cursor.parse(before);
        } catch (RuntimeException e) {
            throw ProblemException.invalid("before", "is not a cursor this service gave out");
        }
    }

    public record Note(@Size(max = 1000) String comment) {
    }

    public record Resolution(@NotBlank @Size(max = 1000) String reason) {
    }

    public record Assignment(@NotBlank @Size(max = 200) String assignee) {
    }

    public record TimelineEntry(Instant at, String kind, String actor, String detail) {
        static TimelineEntry of(AlertEvent event) {
            return new TimelineEntry(event.at, event.kind, event.actor, event.detail);
        }
    }
}
