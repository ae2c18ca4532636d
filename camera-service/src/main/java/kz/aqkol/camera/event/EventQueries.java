package kz.aqkol.camera.event;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import kz.aqkol.camera.access.AccessGrant;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.access.Denied;
import kz.aqkol.camera.access.GrantService;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;

/**
 * Reading events: searches (summaries only) for operators, dispatchers and auditors, and details, plate lookups
 * under a grant. Every search and read is in the audit chain before its answer leaves. Searches are
 * {@link EventSearch}'s (the reactive pool, a measured hot path); details, plate lookups and exports read through
 * {@link DetectionEventRepository} in the transaction that checks the grant and appends the audit entry.
 */
@ApplicationScoped
public class EventQueries {

    private final EventSearch search;
    private final DetectionEventRepository events;
    private final GrantService grants;
    private final AuditLog audit;
    private final PlateHasher plates;

    EventQueries(EventSearch search, DetectionEventRepository events, GrantService grants, AuditLog audit,
                 EventStore store) {
        this.search = search;
        this.events = events;
        this.grants = grants;
        this.audit = audit;
        this.plates = store.plates();
    }

    public record Filter(String camera, String zone, DetectionType type, Instant from, Instant to) {

        String describe() {
            StringJoiner d = new StringJoiner("; ");
            if (camera != null) {
                d.add("camera=" + camera);
            }
            if (zone != null) {
                d.add("zone=" + zone);
            }
            if (type != null) {
                d.add("type=" + type);
            }
            if (from != null) {
                d.add("from=" + from);
            }
            if (to != null) {
                d.add("to=" + to);
            }
            return d.length() == 0 ? "all events" : d.toString();
        }
    }

    /** Up to {@code rows} summaries, newest first, after the cursor. Audited as EVENT_SEARCH. */
    public Uni<List<EventSummary>> search(Actor actor, Filter filter, EventCursor after, int rows) {
        // the audit entry and the search run side by side; the answer leaves only if both succeeded
        Uni<?> audited = audit.append(actor.did("EVENT_SEARCH", "event", null, null,
                filter.describe() + (after == null ? "" : "; page after " + after.occurredAt())));
        return Uni.combine().all().unis(audited, search.find(filter, after, rows)).asTuple()
                .map(both -> both.getItem2());
    }

    /** One event's details, under a grant that covers it; otherwise {@link Denied}. Audited as EVENT_READ. */
    @WithTransaction
    public Uni<EventDetails> details(Actor actor, UUID eventId, UUID grantId) {
        if (grantId == null) {
            return Uni.createFrom().failure(new Denied("event", eventId.toString(),
                    "event details need a grant: pass ?grant=<id>"));
        }
        return events.byId(eventId)
                .map(event -> {
                    if (event == null) {
                        throw ProblemException.notFound("event", eventId);
                    }
                    return EventDetails.of(event);
                })
                .call(event -> grants.usable(actor, grantId)
                        .chain(grant -> {
                            if (!grant.covers(event.camera(), event.zone(), event.occurredAt())) {
                                throw new Denied("event", eventId.toString(), "event " + eventId
                                        + " lies outside the scope of grant " + grantId);
                            }
                            return audit.append(actor.did("EVENT_READ", "event", eventId.toString(),
                                    grant.purpose.name(), "grant=" + grant.id + "; case=" + grant.caseRef));
                        }));
    }

    /**
     * The events within a grant's scope whose plate is the one supplied (hashed here, never stored or logged).
     * Audited as PLATE_LOOKUP on the object {@code plate/<keyed hash>}, so that an auditor sees the same car looked
     * up again and again ({@code GET /audit?objectType=plate&objectId=<hash>}); a refused lookup is recorded under
     * the same object.
     */
    @WithTransaction
    public Uni<List<EventDetails>> plateLookup(Actor actor, PlateLookup lookup) {
        String hash = plates.hash(lookup.plate());
        return grants.usable(actor, lookup.grant())
                .call(grant -> audit.append(actor.did("PLATE_LOOKUP", "plate", hash, grant.purpose.name(),
                        "grant=" + grant.id + "; case=" + grant.caseRef)))
                .onFailure(Denied.class).transform(denied -> new Denied("plate", hash, denied.getMessage()))
                .chain(grant -> events.byPlate(hash, grant))
                .map(found -> found.stream().map(EventDetails::of).toList());
    }

    /** Snapshot references of the events in a grant's scope and a window, for an approved export. Call in a session. */
    public Uni<List<EventDetails>> inScope(AccessGrant grant, Instant from, Instant to, int max) {
        return events.inScope(grant, from, to, max).map(found -> found.stream().map(EventDetails::of).toList());
    }
}
