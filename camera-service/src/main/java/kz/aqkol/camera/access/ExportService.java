package kz.aqkol.camera.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.camera.event.EventDetails;
import kz.aqkol.camera.event.EventQueries;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;

/**
 * Four-eyes exports: a grant's holder asks, an auditor who is someone else approves or denies; an approved export
 * can be fetched by its requester until it expires. Every step is in the audit chain.
 */
@ApplicationScoped
public class ExportService {

    static final int MAX_ITEMS = 10_000;

    private final GrantService grants;
    private final ExportRepository exportRows;
    private final EventQueries events;
    private final AuditLog audit;
    private final CameraConfig config;
    private final Clock clock;

    ExportService(GrantService grants, ExportRepository exportRows, EventQueries events, AuditLog audit,
                  CameraConfig config, Clock clock) {
        this.grants = grants;
        this.exportRows = exportRows;
        this.events = events;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<EventExport> request(Actor actor, ExportRequest r) {
        return grants.usable(actor, r.grant()).chain(grant -> {
            Instant from = r.from() == null || r.from().isBefore(grant.windowFrom) ? grant.windowFrom : r.from();
            Instant to = r.to() == null || r.to().isAfter(grant.windowTo) ? grant.windowTo : r.to();
            if (!from.isBefore(to)) {
                throw ProblemException.invalid("to", "must be after from, within the grant's window");
            }
            EventExport e = new EventExport();
            e.id = UUID.randomUUID();
            e.grantId = grant.id;
            e.requestedBy = actor.name();
            e.windowFrom = from;
            e.windowTo = to;
            e.status = EventExport.PENDING;
            e.createdAt = Instant.now(clock);
            return Panache.getSession().chain(s -> s.persist(e))
                    .call(() -> audit.append(actor.did("EXPORT_REQUEST", "export", e.id.toString(),
                            grant.purpose.name(), "grant=" + grant.id + "; case=" + grant.caseRef + "; window="
                                    + from + "/" + to)))
                    .replaceWith(e);
        });
    }

    @WithTransaction
    public Uni<EventExport> approve(Actor actor, UUID id) {
        return decide(actor, id, true);
    }

    @WithTransaction
    public Uni<EventExport> deny(Actor actor, UUID id) {
        return decide(actor, id, false);
    }

    private Uni<EventExport> decide(Actor actor, UUID id, boolean approve) {
        return load(id).chain(e -> {
            if (e.requestedBy.equals(actor.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "nobody approves their own export");
            }
            if (!EventExport.PENDING.equals(e.status)) {
                throw ProblemException.conflict("export " + id + " is " + e.status + ", not PENDING");
            }
            Instant now = Instant.now(clock);
            e.status = approve ? EventExport.APPROVED : EventExport.DENIED;
            e.decidedBy = actor.name();
            e.decidedAt = now;
            e.expiresAt = approve ? now.plus(config.exportValidFor()) : null;
            return audit.append(actor.did(approve ? "EXPORT_APPROVE" : "EXPORT_DENY", "export", id.toString(), null,
                    "grant=" + e.grantId + (approve ? "; valid until " + e.expiresAt : ""))).replaceWith(e);
        });
    }

    @WithSession
    public Uni<EventExport> find(Actor actor, boolean auditor, UUID id) {
        return load(id).invoke(e -> {
            if (!auditor && !e.requestedBy.equals(actor.name())) {
                throw ProblemException.notFound("export", id);
            }
        });
    }

    /** The snapshot references of an approved, unexpired export, for its requester. Audited as EXPORT_DOWNLOAD. */
    public Uni<List<EventDetails>> download(Actor actor, UUID id) {
        return Panache.withTransaction(() -> load(id).chain(e -> {
            Instant now = Instant.now(clock);
            if (!e.requestedBy.equals(actor.name())) {
                throw new Denied("export", id.toString(), "export " + id + " is not yours");
            }
            if (!EventExport.APPROVED.equals(e.status)) {
                throw new Denied("export", id.toString(), "export " + id + " is " + e.status
                        + ": it needs an auditor's approval");
            }
            if (!now.isBefore(e.expiresAt)) {
                throw new Denied("export", id.toString(), "export " + id + " expired at " + e.expiresAt);
            }
            return grants.findById(e.grantId).chain(grant -> {
                if (grant.status != GrantStatus.ACTIVE) {
                    throw new Denied("export", id.toString(), "grant " + grant.id + " is " + grant.status);
                }
                return audit.append(actor.did("EXPORT_DOWNLOAD", "export", id.toString(), grant.purpose.name(),
                        "grant=" + grant.id + "; case=" + grant.caseRef))
                        .chain(() -> events.inScope(grant, e.windowFrom, e.windowTo, MAX_ITEMS));
            });
        }));
    }

    /** Exports newest first, all or of one status, before a creation time (the cursor); for auditors. */
    @WithSession
    public Uni<List<EventExport>> page(EventExport.Status status, Instant before, int rows) {
        Instant cursor = before == null ? Instant.parse("9999-12-31T00:00:00Z") : before;
        return exportRows.page(status, cursor, rows);
    }

    private Uni<EventExport> load(UUID id) {
        return Panache.getSession().chain(s -> s.find(EventExport.class, id)).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("export", id);
            }
            return e;
        });
    }
}
