package kz.aqkol.alert.alertmanager;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertAccess;
import kz.aqkol.alert.alert.AlertRepository;
import kz.aqkol.alert.alert.AlertService;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.alert.alert.Sender;
import kz.aqkol.alert.alert.Signal;
import kz.aqkol.alert.alertmanager.AlertmanagerView.AlertGroup;
import kz.aqkol.alert.alertmanager.AlertmanagerView.AlertQuery;
import kz.aqkol.alert.alertmanager.AlertmanagerView.GettableAlert;
import kz.aqkol.alert.alertmanager.AlertmanagerView.GettableSilence;
import kz.aqkol.alert.config.AlertConfig;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.silence.SilenceService;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Alertmanager's v2 API as its OpenAPI document defines it, so Prometheus, {@code amtool} and Grafana can point at
 * alert-service unchanged (with a bearer token): alerts, alert groups, silences, receivers and status, all on
 * alert-service's own alerts, routing and silences (a silence made here is one of {@code /silences}, and the other
 * way round). The caller is the alerts' source, as on every other way in; silences are made by people. Errors are
 * answered in Alertmanager's shape ({@link AlertmanagerErrors}).
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVICE, Roles.OPERATOR})
@Tag(name = "Alertmanager API")
public class AlertmanagerResource {

    private static final Instant STARTED = Instant.now();

    private final AlertService alerts;
    private final AlertRepository repository;
    private final SilenceService silences;
    private final RoutingService routing;
    private final AlertAccess access;
    private final AlertConfig config;
    private final Caller caller;
    private final Clock clock;

    AlertmanagerResource(AlertService alerts, AlertRepository repository, SilenceService silences,
                         RoutingService routing, AlertAccess access, AlertConfig config, Caller caller, Clock clock) {
        this.alerts = alerts;
        this.repository = repository;
        this.silences = silences;
        this.routing = routing;
        this.access = access;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/alerts")
    @Operation(summary = "Fire (or resolve, by endsAt) alerts, as Prometheus does; 200 with an empty body",
            description = "The alerts' source is the caller (a service's token subject, person.<subject> for a "
                    + "person); a label source naming anyone else is refused (403). Zero-value times are unset.")
    public Uni<RestResponse<Void>> post(@NotNull @Size(max = 1000) List<@NotNull @Valid PostableAlert> batch) {
        Instant now = Instant.now(clock);
        Sender sender = Sender.of(caller);
        batch.stream().map(alert -> alert.labels().get("source")).filter(Objects::nonNull).distinct()
                .forEach(claimed -> sender.refuses(claimed).ifPresent(reason -> {
                    throw new ProblemException(ProblemType.FORBIDDEN, reason);
                }));
        List<Signal> signals;
        try {
            signals = batch.stream().map(alert -> alert.toSignal(sender.source(), now, config.resolveTimeout()))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("labels", e.getMessage());
        }
        return alerts.takeSignals(signals).replaceWith(RestResponse.ok());
    }

    @GET
    @Path("/alerts")
    @WithSession
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Open alerts in Alertmanager's form; filter is a list of matchers such as alertname=LEAK")
    public Uni<List<GettableAlert>> list(@BeanParam AlertFilter filter) {
        return shown(filter.query(), filter.purpose());
    }

    @GET
    @Path("/alerts/groups")
    @WithSession
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Open alerts grouped by receiver and their route's group-by labels")
    public Uni<List<AlertGroup>> groups(@BeanParam AlertFilter filter) {
        RoutingConfig current = routing.current();
        return shown(filter.query(), filter.purpose()).map(shown -> AlertmanagerView.groups(shown, current));
    }

    @GET
    @Path("/silences")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    @Operation(summary = "Every silence (expired ones too, as Alertmanager lists them); filter is a list of matchers")
    public Uni<List<GettableSilence>> silences(@QueryParam("filter") List<String> filter) {
        List<Matcher> matchers = AlertFilter.matchers(filter);
        Instant now = Instant.now(clock);
        return silences.list(true).map(list -> list.stream()
                .filter(s -> AlertmanagerView.silenceMatches(s, matchers))
                .sorted(AlertmanagerView.silenceOrder(now))
                .map(s -> GettableSilence.of(s, now)).toList());
    }

    @POST
    @Path("/silences")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Create a silence, or replace one (given its id: it is expired and a new one made)",
            description = "createdBy is the caller, whatever the body says.")
    public Uni<SilenceCreated> createSilence(@NotNull @Valid PostableSilence silence) {
        Uni<?> replaced = silence.id() == null || silence.id().isEmpty() ? Uni.createFrom().voidItem()
                : silences.expire(silenceId(silence.id()), caller);
        return replaced.chain(() -> silences.create(silence.matchers(), silence.startsAt(), silence.endsAt(),
                        silence.comment(), caller))
                .map(created -> new SilenceCreated(created.id.toString()));
    }

    @GET
    @Path("/silence/{silenceID}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER, Roles.AUDITOR})
    public Uni<GettableSilence> silence(@PathParam("silenceID") String id) {
        return silences.find(silenceId(id)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("silence", id);
            }
            return GettableSilence.of(found, Instant.now(clock));
        });
    }

    @DELETE
    @Path("/silence/{silenceID}")
    @RolesAllowed({Roles.OPERATOR, Roles.DISPATCHER})
    @Operation(summary = "Expire a silence now; 200 with an empty body",
            description = "An unknown id is answered 500, as Alertmanager 0.25's API defines it (no 404 there).")
    public Uni<RestResponse<Void>> expireSilence(@PathParam("silenceID") String id) {
        return silences.expire(silenceId(id), caller).replaceWith(RestResponse.<Void>ok())
                .onFailure(ProblemException.class).transform(e -> new ProblemException(ProblemType.INTERNAL,
                        e.getMessage()));
    }

    @GET
    @Path("/receivers")
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.DISPATCHER})
    public Uni<List<AlertmanagerView.Receiver>> receivers() {
        return routing.receivers().map(list -> list.stream().map(r -> new AlertmanagerView.Receiver(r.name))
                .toList());
    }

    @GET
    @Path("/status")
    @RolesAllowed({Roles.SERVICE, Roles.OPERATOR, Roles.DISPATCHER})
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("cluster", Map.of("name", "alert-service", "status", "ready", "peers", List.of()));
        status.put("versionInfo", Map.of("version", "aqkol-alert-service", "revision", "", "branch", "",
                "buildUser", "", "buildDate", "", "goVersion", ""));
        status.put("config", Map.of("original", "routing version " + routing.version()));
        status.put("uptime", STARTED.toString());
        return status;
    }

    /** The open alerts the query shows, their reads recorded in the audit chain. */
    private Uni<List<GettableAlert>> shown(AlertQuery query, Purpose purpose) {
        Instant now = Instant.now(clock);
        RoutingConfig current = routing.current();
        return silences.activeNow().chain(active -> repository.open().chain(open -> {
            List<Map<String, String>> openLabels = open.stream().map(Alert::matchLabels).toList();
            Map<GettableAlert, Alert> shown = new LinkedHashMap<>();
            for (Alert alert : open) {
                GettableAlert gettable = AlertmanagerView.alert(alert, current, active, openLabels,
                        config.resolveTimeout(), now);
                if (query.shows(gettable)) {
                    shown.put(gettable, alert);
                }
            }
            return access.read(shown.values().stream().map(AlertView::of).toList(), "alert", purpose)
                    .replaceWith(List.copyOf(shown.keySet()));
        }));
    }

    private static UUID silenceId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("silenceID", "is not a silence id: " + id);
        }
    }

    /** Alertmanager's {@code postableSilence}. */
    public record PostableSilence(String id, @NotEmpty @Size(max = 20) List<@NotNull Matcher> matchers,
                                  @NotNull Instant startsAt, @NotNull Instant endsAt, String createdBy,
                                  @NotBlank @Size(max = 1000) String comment) {
    }

    public record SilenceCreated(String silenceID) {
    }
}
