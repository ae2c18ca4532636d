package kz.aqkol.alert.alertmanager;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertAccess;
import kz.aqkol.alert.alert.AlertRepository;
import kz.aqkol.alert.alert.AlertService;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.alert.alert.Sender;
import kz.aqkol.alert.alert.Signal;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.alert.routing.RoutingConfig;
import kz.aqkol.alert.routing.RoutingService;
import kz.aqkol.alert.silence.Silence;
import kz.aqkol.alert.silence.SilenceService;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.security.Purpose;
import kz.aqkol.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The part of Alertmanager's v2 API that Prometheus and {@code amtool} use to fire alerts and look at them, so they
 * can point at alert-service unchanged (with a bearer token of role service or operator). The caller is the alerts'
 * source, as on every other way in.
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
    private final Caller caller;
    private final Clock clock;

    AlertmanagerResource(AlertService alerts, AlertRepository repository, SilenceService silences,
                         RoutingService routing, AlertAccess access, Caller caller, Clock clock) {
        this.alerts = alerts;
        this.repository = repository;
        this.silences = silences;
        this.routing = routing;
        this.access = access;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/alerts")
    @Operation(summary = "Fire (or resolve, by endsAt) alerts, as Prometheus does",
            description = "The alerts' source is the caller (a service's token subject, person.<subject> for a "
                    + "person); a label source naming anyone else is refused (403).")
    public Uni<Void> post(@NotNull @Size(max = 1000) List<@NotNull @Valid PostableAlert> batch) {
        Instant now = Instant.now(clock);
        Sender sender = Sender.of(caller);
        batch.stream().map(alert -> alert.labels().get("source")).filter(Objects::nonNull).distinct()
                .forEach(claimed -> sender.refuses(claimed).ifPresent(reason -> {
                    throw new ProblemException(ProblemType.FORBIDDEN, reason);
                }));
        List<Signal> signals;
        try {
            signals = batch.stream().map(alert -> alert.toSignal(sender.source(), now)).toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("labels", e.getMessage());
        }
        return alerts.takeSignals(signals).replaceWithVoid();
    }

    @GET
    @Path("/alerts")
    @WithSession
    @Operation(summary = "Open alerts in Alertmanager's form; filter is a list of matchers such as alertname=LEAK")
    public Uni<List<Map<String, Object>>> list(@QueryParam("filter") List<String> filter,
                                               @HeaderParam(AlertAccess.PURPOSE) String purposeHeader) {
        Purpose purpose = AlertAccess.purpose(purposeHeader);
        List<Matcher> matchers;
        try {
            matchers = filter == null ? List.of() : filter.stream()
                    .map(text -> Matcher.parse(text.replace("{", "").replace("}", ""))).toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("filter", e.getMessage());
        }
        Instant now = Instant.now(clock);
        return silences.activeNow().chain(active -> repository.open().chain(open -> {
            List<Map<String, String>> openLabels = open.stream().map(Alert::matchLabels).toList();
            RoutingConfig config = routing.current();
            List<Alert> shown = open.stream()
                    .filter(alert -> matchers.stream().allMatch(m -> m.matches(alert.matchLabels())))
                    .toList();
            return access.read(shown.stream().map(AlertView::of).toList(), "alert", purpose)
                    .map(read -> shown.stream().map(alert -> gettable(alert, config, active, openLabels, now))
                            .toList());
        }));
    }

    @GET
    @Path("/status")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("cluster", Map.of("name", "alert-service", "status", "ready", "peers", List.of()));
        status.put("versionInfo", Map.of("version", "aqkol-alert-service", "revision", "", "branch", "",
                "buildUser", "", "buildDate", "", "goVersion", ""));
        status.put("config", Map.of("original", "routing version " + routing.version()));
        status.put("uptime", STARTED.toString());
        return status;
    }

    private static Map<String, Object> gettable(Alert alert, RoutingConfig config, List<Silence> active,
                                                List<Map<String, String>> openLabels, Instant now) {
        Map<String, String> labels = alert.matchLabels();
        List<String> silencedBy = active.stream().filter(s -> s.silences(labels, now)).map(s -> s.id.toString())
                .toList();
        boolean inhibited = config.inhibited(labels, openLabels);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", silencedBy.isEmpty() && !inhibited ? "active" : "suppressed");
        status.put("silencedBy", silencedBy);
        status.put("inhibitedBy", inhibited ? List.of("inhibition rule") : List.of());
        Map<String, Object> gettable = new LinkedHashMap<>();
        gettable.put("labels", labels);
        gettable.put("annotations", Map.of("summary", alert.summary));
        gettable.put("startsAt", alert.firstSeen.toString());
        gettable.put("endsAt", alert.lastSeen.plus(Duration.ofMinutes(5)).toString());
        gettable.put("updatedAt", alert.lastSeen.toString());
        gettable.put("fingerprint", alert.fingerprint.substring(0, 16));
        gettable.put("generatorURL", alert.generatorUrl == null ? "" : alert.generatorUrl);
        gettable.put("receivers", config.route(labels).stream().filter(m -> m.receiver() != null)
                .map(m -> Map.of("name", m.receiver())).toList());
        gettable.put("status", status);
        return gettable;
    }
}
