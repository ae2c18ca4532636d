package kz.aqkol.camera.watch;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.camera.access.AccessGrant;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.access.Denied;
import kz.aqkol.camera.access.GrantService;
import kz.aqkol.camera.access.Purpose;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.camera.event.EventStore;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;

/**
 * The watch-list: the holder of an INVESTIGATION grant that an auditor (someone else) approved watches for a plate
 * (hashed at once) on the grant's cameras, for a bounded time that ends with the grant at the latest. Additions and
 * removals are in the audit chain, with the plate's keyed hash.
 */
@ApplicationScoped
public class WatchService {

    private final GrantService grants;
    private final EventStore store;
    private final AuditLog audit;
    private final CameraConfig config;
    private final Clock clock;

    WatchService(GrantService grants, EventStore store, AuditLog audit, CameraConfig config, Clock clock) {
        this.grants = grants;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<WatchEntry> add(Actor actor, WatchRequest r) {
        Instant now = Instant.now(clock);
        return grants.usable(actor, r.grant()).chain(grant -> {
            if (!grant.approvedByAnother()) {
                throw new Denied("grant", grant.id.toString(), "a watch-list entry needs a grant that an auditor"
                        + " other than you approved; grant " + grant.id + " was not");
            }
            if (grant.purpose != Purpose.INVESTIGATION) {
                throw new Denied("grant", grant.id.toString(), "a watch-list entry needs an INVESTIGATION grant;"
                        + " grant " + grant.id + " is for " + grant.purpose);
            }
            WatchEntry e = new WatchEntry();
            e.id = UUID.randomUUID();
            e.grantId = grant.id;
            e.plateHash = store.plates().hash(r.plate());
            e.caseRef = grant.caseRef;
            e.note = r.note();
            e.addedBy = actor.name();
            e.addedAt = now;
            e.expiresAt = expiry(r.expiresAt(), grant, now);
            return Panache.getSession().chain(s -> s.persist(e))
                    .chain(() -> audit.append(actor.did("WATCHLIST_ADD", "watch-entry", e.id.toString(),
                            grant.purpose.name(), "grant=" + grant.id + "; case=" + e.caseRef + "; plate="
                                    + e.plateHash + "; expires=" + e.expiresAt)))
                    .replaceWith(e);
        });
    }

    /** The requested expiry, or the latest allowed: {@code watch-max} ahead, and never after the grant's. */
    private Instant expiry(Instant requested, AccessGrant grant, Instant now) {
        Instant bound = now.plus(config.watchMax());
        Instant latest = grant.expiresAt.isBefore(bound) ? grant.expiresAt : bound;
        if (requested == null) {
            return latest;
        }
        if (!requested.isAfter(now)) {
            throw ProblemException.invalid("expiresAt", "must lie in the future");
        }
        if (requested.isAfter(latest)) {
            throw ProblemException.invalid("expiresAt", "may be at most " + latest + ": " + config.watchMax()
                    + " ahead, and no later than the grant's expiry");
        }
        return requested;
    }

    /** Entries still watching (not removed, not expired), newest first. */
    @WithSession
    public Uni<List<WatchEntry>> current() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "from WatchEntry where removedAt is null and expiresAt > ?1 order by addedAt desc",
                        WatchEntry.class)
                .setParameter(1, Instant.now(clock)).setMaxResults(500).getResultList());
    }

    /** Ends an entry early: the person who added it, or an auditor. */
    @WithTransaction
    public Uni<WatchEntry> remove(Actor actor, boolean auditor, UUID id) {
        return Panache.getSession().chain(s -> s.find(WatchEntry.class, id)).chain(e -> {
            if (e == null || e.removedAt != null) {
                throw ProblemException.notFound("watch-list entry", id);
            }
            if (!auditor && !e.addedBy.equals(actor.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "only the person who added a watch-list entry or an auditor removes it");
            }
            e.removedBy = actor.name();
            e.removedAt = Instant.now(clock);
            return audit.append(actor.did("WATCHLIST_REMOVE", "watch-entry", id.toString(), null,
                    "grant=" + e.grantId + "; case=" + e.caseRef + "; plate=" + e.plateHash)).replaceWith(e);
        });
    }
}
