package kz.aqkol.alert.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.vertx.mutiny.core.Vertx;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;
import kz.aqkol.platform.webhook.WebhookTargets;
import org.jboss.logging.Logger;

/**
 * The routing tree and receivers operators configure. Every saved tree is kept as a version; the current one is
 * held in memory (reloaded every few seconds, so all replicas follow a change).
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    private final ObjectMapper json;
    private final AuditLog audit;
    private final WebhookTargets targets;
    private final Vertx vertx;
    private final Clock clock;
    private volatile RoutingConfig current = RoutingConfig.NONE;
    private volatile long version;

    RoutingService(ObjectMapper json, AuditLog audit, WebhookTargets targets, Vertx vertx, Clock clock) {
        this.json = json;
        this.audit = audit;
        this.targets = targets;
        this.vertx = vertx;
        this.clock = clock;
    }

    public RoutingConfig current() {
        return current;
    }

    public long version() {
        return version;
    }

    @Scheduled(every = "5s", skipExecutionIf = NotRunning.class)
    @WithSession
    Uni<Void> reload() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select version, cast(config as text) from routing_version order by version desc limit 1",
                        Object[].class).getResultList())
                .invoke(rows -> {
                    if (!rows.isEmpty() && ((Number) rows.get(0)[0]).longValue() != version) {
                        current = parse((String) rows.get(0)[1]);
                        version = ((Number) rows.get(0)[0]).longValue();
                    }
                })
                .replaceWithVoid();
    }

    /** Saves a new version of the tree; every receiver it names must exist. Audited. */
    @WithTransaction
    public Uni<Long> save(RoutingConfig config, Caller by) {
        Set<String> named = new LinkedHashSet<>();
        collectReceivers(config.route(), named);
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("select name from Receiver", String.class)
                        .getResultList()
                        .chain(known -> {
                            named.removeAll(known);
                            if (!named.isEmpty()) {
                                throw ProblemException.invalid("route", "names receivers that do not exist: "
                                        + String.join(", ", named));
                            }
                            return session.createNativeQuery("""
                                            insert into routing_version (config, saved_by, saved_at)
                                            values (cast(cast(?1 as text) as jsonb), ?2, ?3) returning version""", Long.class)
                                    .setParameter(1, JsonText.write(json, config))
                                    .setParameter(2, by.name())
                                    .setParameter(3, Instant.now(clock))
                                    .getSingleResult();
                        }))
                .call(saved -> audit.append(by, "ROUTING_SAVED", "routing", Long.toString(saved), null, "not stated",
                        null))
                .invoke(saved -> {
                    current = config;
                    version = saved;
                    LOG.infof("Routing version %d saved by %s", saved, by.name());
                });
    }

    /**
     * Adds a webhook receiver, once its URL passes the deployment's {@link WebhookTargets} rules (resolved off the
     * event loop: a DNS lookup blocks). Audited.
     */
    public Uni<Receiver> addReceiver(String name, String team, String webhookUrl, String signingKey, Caller by) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(webhookUrl)))
                .invoke(refusal -> refusal.ifPresent(reason -> {
                    throw ProblemException.invalid("webhookUrl", reason);
                }))
                .chain(() -> Panache.withTransaction(() -> store(name, team, webhookUrl, signingKey, by)));
    }

    private Uni<Receiver> store(String name, String team, String webhookUrl, String signingKey, Caller by) {
        return Panache.getSession().chain(session -> session.find(Receiver.class, name).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("receiver " + name + " exists already");
            }
            Receiver receiver = new Receiver();
            receiver.name = name;
            receiver.team = team;
            receiver.webhookUrl = webhookUrl;
            receiver.signingKey = signingKey != null ? signingKey : newKey();
            receiver.createdBy = by.name();
            receiver.createdAt = Instant.now(clock);
            return session.persist(receiver)
                    .call(() -> audit.append(by, "RECEIVER_ADDED", "receiver", name, null, "not stated",
                            "team " + team))
                    .replaceWith(receiver);
        }));
    }

    @WithSession
    public Uni<List<Receiver>> receivers() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from Receiver order by name", Receiver.class).getResultList());
    }

    private static void collectReceivers(Route route, Set<String> names) {
        if (route.receiver() != null) {
            names.add(route.receiver());
        }
        if (route.escalation() != null) {
            route.escalation().levels().forEach(level -> names.add(level.receiver()));
        }
        route.routes().forEach(child -> collectReceivers(child, names));
    }

    private RoutingConfig parse(String text) {
        try {
            return json.readValue(text, RoutingConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored routing version cannot be read", e);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
