package kz.aqkol.camera.access;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.camera.camera.CameraRepository;
import kz.aqkol.camera.camera.ZoneRepository;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;

/**
 * Access grants: requested by a dispatcher, approved or denied by an auditor who is not the requester (INCIDENT
 * grants are active at once but short-lived), revoked by either. Every step is in the audit chain.
 */
@ApplicationScoped
public class GrantService {

    private final GrantRepository grants;
    private final CameraRepository cameras;
    private final ZoneRepository zones;
    private final AuditLog audit;
    private final CameraConfig config;
    private final Clock clock;

    GrantService(GrantRepository grants, CameraRepository cameras, ZoneRepository zones, AuditLog audit,
                 CameraConfig config, Clock clock) {
        this.grants = grants;
        this.cameras = cameras;
        this.zones = zones;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AccessGrant> request(Actor actor, GrantRequest r) {
        Instant now = Instant.now(clock);
        List<String> cameraIds = r.cameras() == null ? List.of() : r.cameras().stream().distinct().toList();
        if (cameraIds.isEmpty() && r.zone() == null) {
            throw ProblemException.invalid("cameras", "or zone must be given");
        }
        if (!r.from().isBefore(r.to())) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (!r.expiresAt().isAfter(now)) {
            throw ProblemException.invalid("expiresAt", "must lie in the future");
        }
        Duration max = r.purpose() == Purpose.INCIDENT ? config.incidentGrantMax() : config.grantMax();
        if (r.expiresAt().isAfter(now.plus(max))) {
            throw ProblemException.invalid("expiresAt", "may be at most " + max + " ahead for " + r.purpose());
        }
        if (r.purpose() == Purpose.INCIDENT && IncidentRules.reachesTooFar(r.from(), now, config.incidentLookback())) {
            throw ProblemException.invalid("from", "may reach back at most " + config.incidentLookback()
                    + " for an INCIDENT grant (to " + now.minus(config.incidentLookback()) + "); older footage needs"
                    + " an INVESTIGATION grant, which an auditor approves");
        }
        Uni<Void> zoneKnown = r.zone() == null ? Uni.createFrom().voidItem() : zones.findById(r.zone())
                .invoke(zone -> {
                    if (zone == null) {
                        throw ProblemException.invalid("zone", "is not a known zone");
                    }
                }).replaceWithVoid();
        Uni<Void> camerasKnown = cameraIds.isEmpty() ? Uni.createFrom().voidItem()
                : cameras.count("id in ?1", cameraIds).invoke(found -> {
                    if (found != cameraIds.size()) {
                        throw ProblemException.invalid("cameras", "names a camera that is not registered");
                    }
                }).replaceWithVoid();
        Uni<Void> notChained = r.purpose() == Purpose.INCIDENT
                ? noOpenIncidentOver(actor, cameraIds, r.zone(), now) : Uni.createFrom().voidItem();
        return zoneKnown.chain(() -> camerasKnown).chain(() -> notChained).chain(() -> {
            AccessGrant g = new AccessGrant();
            g.id = UUID.randomUUID();
            g.requestedBy = actor.name();
            g.purpose = r.purpose();
            g.caseRef = r.caseRef();
            g.cameraIds = cameraIds.isEmpty() ? null : String.join(",", cameraIds);
            g.zoneId = r.zone();
            g.windowFrom = r.from();
            g.windowTo = r.to();
            g.expiresAt = r.expiresAt();
            g.reason = r.reason();
            g.createdAt = now;
            // break-glass: an emergency cannot wait for a second person; it is short and reviewed afterwards
            g.status = r.purpose() == Purpose.INCIDENT ? GrantStatus.ACTIVE : GrantStatus.PENDING;
            return grants.persist(g)
                    .call(() -> audit.append(actor.did("GRANT_REQUEST", "grant", g.id.toString(), g.purpose.name(),
                            scope(g) + (g.status == GrantStatus.ACTIVE ? "; active at once (incident)" : ""))));
        });
    }

    /**
     * Refuses a second INCIDENT grant over a place one of the requester's open INCIDENT grants already covers: a
     * chain of them would widen, one day at a time, what one person sees without anybody else agreeing.
     */
    private Uni<Void> noOpenIncidentOver(Actor actor, List<String> cameraIds, String zone, Instant now) {
        return grants.list("purpose = ?1 and status = ?2 and requestedBy = ?3 and expiresAt > ?4", Purpose.INCIDENT,
                GrantStatus.ACTIVE, actor.name(), now).chain(open -> {
                    if (open.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Set<String> ids = new HashSet<>(cameraIds);
                    open.forEach(g -> ids.addAll(g.cameras()));
                    return cameras.list("id in ?1", ids).invoke(found -> {
                        Map<String, String> zones = new HashMap<>();
                        found.forEach(c -> zones.put(c.id, c.zoneId));
                        IncidentRules.Place wanted = IncidentRules.Place.of(cameraIds, zone, zones);
                        for (AccessGrant g : open) {
                            if (IncidentRules.overlap(wanted, IncidentRules.Place.of(g.cameras(), g.zoneId, zones))) {
                                throw new Denied("grant", g.id.toString(), "your INCIDENT grant " + g.id
                                        + " covers these cameras until " + g.expiresAt + ": an INCIDENT grant is not"
                                        + " chained to another; revoke it first, or ask for an INVESTIGATION grant,"
                                        + " which an auditor approves");
                            }
                        }
                    }).replaceWithVoid();
                });
    }

    @WithTransaction
    public Uni<AccessGrant> approve(Actor actor, UUID id, Decision decision) {
        return decide(actor, id, decision, GrantStatus.ACTIVE, "GRANT_APPROVE");
    }

    @WithTransaction
    public Uni<AccessGrant> deny(Actor actor, UUID id, Decision decision) {
        return decide(actor, id, decision, GrantStatus.DENIED, "GRANT_DENY");
    }

    private Uni<AccessGrant> decide(Actor actor, UUID id, Decision decision, GrantStatus to, String action) {
        return load(id).chain(g -> {
            if (g.requestedBy.equals(actor.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "nobody decides on their own grant");
            }
            if (g.status != GrantStatus.PENDING) {
                throw ProblemException.conflict("grant " + id + " is " + g.status + ", not PENDING");
            }
            g.status = to;
            g.decidedBy = actor.name();
            g.decidedAt = Instant.now(clock);
            g.decisionNote = decision == null ? null : decision.note();
            return audit.append(actor.did(action, "grant", id.toString(), g.purpose.name(), scope(g))).replaceWith(g);
        });
    }

    /** Ends a grant early: its holder or an auditor. Ends its legal hold too. */
    @WithTransaction
    public Uni<AccessGrant> revoke(Actor actor, boolean auditor, UUID id, Decision decision) {
        return load(id).chain(g -> {
            if (!auditor && !g.requestedBy.equals(actor.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "only the holder or an auditor revokes a grant");
            }
            if (g.status != GrantStatus.PENDING && g.status != GrantStatus.ACTIVE) {
                throw ProblemException.conflict("grant " + id + " is " + g.status);
            }
            g.status = GrantStatus.REVOKED;
            g.decidedBy = actor.name();
            g.decidedAt = Instant.now(clock);
            g.decisionNote = decision == null ? null : decision.note();
            return audit.append(actor.did("GRANT_REVOKE", "grant", id.toString(), g.purpose.name(), scope(g)))
                    .replaceWith(g);
        });
    }

    /** A grant as its holder or an auditor may see it; others get 404, as if it did not exist. */
    @WithSession
    public Uni<AccessGrant> find(Actor actor, boolean auditor, UUID id) {
        return load(id).invoke(g -> {
            if (!auditor && !g.requestedBy.equals(actor.name())) {
                throw ProblemException.notFound("grant", id);
            }
        });
    }

    @WithSession
    public Uni<List<AccessGrant>> page(Actor actor, boolean auditor, GrantStatus status, Instant before, int rows) {
        StringBuilder q = new StringBuilder("createdAt < ?1");
        List<Object> params = new java.util.ArrayList<>();
        params.add(before == null ? Instant.parse("9999-12-31T00:00:00Z") : before);
        if (!auditor) {
            params.add(actor.name());
            q.append(" and requestedBy = ?").append(params.size());
        }
        if (status != null) {
            params.add(status);
            q.append(" and status = ?").append(params.size());
        }
        return grants.find(q + " order by createdAt desc, id desc", params.toArray()).range(0, rows - 1).list();
    }

    /** A grant its caller may use now, or a {@link Denied}. Call within a session. */
    public Uni<AccessGrant> usable(Actor actor, UUID id) {
        return grants.findById(id).map(g -> {
            if (g == null) {
                throw new Denied("grant", id.toString(), "grant " + id + " does not exist");
            }
            String why = g.unusableBy(actor.name(), Instant.now(clock), config.incidentLookback());
            if (why != null) {
                throw new Denied("grant", id.toString(), why);
            }
            return g;
        });
    }

    /** Within a session. */
    public Uni<AccessGrant> findById(UUID id) {
        return load(id);
    }

    private Uni<AccessGrant> load(UUID id) {
        return grants.findById(id).map(g -> {
            if (g == null) {
                throw ProblemException.notFound("grant", id);
            }
            return g;
        });
    }

    static String scope(AccessGrant g) {
        return "case=" + g.caseRef + "; " + (g.cameraIds != null ? "cameras=" + g.cameraIds : "zone=" + g.zoneId)
                + "; window=" + g.windowFrom + "/" + g.windowTo + "; expires=" + g.expiresAt;
    }
}
