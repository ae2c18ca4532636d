package kz.aqkol.camera.event;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * under a grant. Every search and read is in the audit chain before its answer leaves. Searches speak SQL to the
 * reactive pool: one index range scan per page, newest first, keyset-paginated on (occurredAt, id).
 */
@ApplicationScoped
public class EventQueries {

    static final String COLUMNS = "id, camera_id, zone_id, type, occurred_at, confidence";
    private static final String DETAILS = COLUMNS + ", snapshot_ref, plate_hash is not null as plate, received_at";

    private final Pool pool;
    private final GrantService grants;
    private final AuditLog audit;
    private final PlateHasher plates;

    EventQueries(Pool pool, GrantService grants, AuditLog audit, EventStore store) {
        this.pool = pool;
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
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (filter.camera() != null) {
            params.add(filter.camera());
            where.append(" and camera_id = $").append(params.size());
        }
        if (filter.zone() != null) {
            params.add(filter.zone());
            where.append(" and zone_id = $").append(params.size());
        }
        if (filter.type() != null) {
            params.add(filter.type().name());
            where.append(" and type = $").append(params.size());
        }
        if (filter.from() != null) {
            params.add(filter.from().atOffset(ZoneOffset.UTC));
            where.append(" and occurred_at >= $").append(params.size());
        }
        if (filter.to() != null) {
            params.add(filter.to().atOffset(ZoneOffset.UTC));
            where.append(" and occurred_at < $").append(params.size());
        }
        if (after != null) {
            params.add(after.occurredAt().atOffset(ZoneOffset.UTC));
            params.add(after.id());
            where.append(" and (occurred_at, id) < ($").append(params.size() - 1).append(", $")
                    .append(params.size()).append(")");
        }
        String sql = "select " + COLUMNS + " from detection_event where " + where
                + " order by occurred_at desc, id desc limit " + rows;
        // the audit entry and the query run side by side; the answer leaves only if both succeeded
        Uni<?> audited = audit.append(actor.did("EVENT_SEARCH", "event", null, null,
                filter.describe() + (after == null ? "" : "; page after " + after.occurredAt())));
        Uni<List<EventSummary>> found = pool.preparedQuery(sql).execute(Tuple.tuple(params))
                .map(result -> {
                    List<EventSummary> items = new ArrayList<>(rows);
                    result.forEach(row -> items.add(summary(row)));
                    return items;
                });
        return Uni.combine().all().unis(audited, found).asTuple().map(both -> both.getItem2());
    }

    /** One event's details, under a grant that covers it; otherwise {@link Denied}. Audited as EVENT_READ. */
    public Uni<EventDetails> details(Actor actor, UUID eventId, UUID grantId) {
        if (grantId == null) {
            return Uni.createFrom().failure(new Denied("event", eventId.toString(),
                    "event details need a grant: pass ?grant=<id>"));
        }
        return pool.preparedQuery("select " + DETAILS + " from detection_event where id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("event", eventId);
                    }
                    return details(rows.iterator().next());
                })
                .chain(event -> Panache.withTransaction(() -> grants.usable(actor, grantId)
                        .chain(grant -> {
                            if (!grant.covers(event.camera(), event.zone(), event.occurredAt())) {
                                throw new Denied("event", eventId.toString(), "event " + eventId
                                        + " lies outside the scope of grant " + grantId);
                            }
                            return audit.append(actor.did("EVENT_READ", "event", eventId.toString(),
                                    grant.purpose.name(), "grant=" + grant.id + "; case=" + grant.caseRef));
                        }))
                        .replaceWith(event));
    }

    /**
     * The events within a grant's scope whose plate is the one supplied (hashed here, never stored or logged).
     * Audited as PLATE_LOOKUP on the object {@code plate/<keyed hash>}, so that an auditor sees the same car looked
     * up again and again ({@code GET /audit?objectType=plate&objectId=<hash>}); a refused lookup is recorded under
     * the same object.
     */
    public Uni<List<EventDetails>> plateLookup(Actor actor, PlateLookup lookup) {
        String hash = plates.hash(lookup.plate());
        return Panache.withTransaction(() -> grants.usable(actor, lookup.grant())
                        .call(grant -> audit.append(actor.did("PLATE_LOOKUP", "plate", hash, grant.purpose.name(),
                                "grant=" + grant.id + "; case=" + grant.caseRef))))
                .onFailure(Denied.class).transform(denied -> new Denied("plate", hash, denied.getMessage()))
                .chain(grant -> pool.preparedQuery("select " + DETAILS + " from detection_event"
                                + " where plate_hash = $1 and occurred_at >= $2 and occurred_at < $3"
                                + " and (camera_id = any($4) or zone_id = $5)"
                                + " order by occurred_at desc, id desc limit 500")
                        .execute(Tuple.of(hash, grant.windowFrom.atOffset(ZoneOffset.UTC),
                                grant.windowTo.atOffset(ZoneOffset.UTC), grant.cameras().toArray(String[]::new),
                                grant.zoneId)))
                .map(rows -> {
                    List<EventDetails> found = new ArrayList<>();
                    rows.forEach(row -> found.add(details(row)));
                    return found;
                });
    }

    /** Snapshot references of the events in a grant's scope and a window, for an approved export. */
    public Uni<List<EventDetails>> inScope(AccessGrant grant, Instant from, Instant to, int max) {
        return pool.preparedQuery("select " + DETAILS + " from detection_event"
                        + " where occurred_at >= $1 and occurred_at < $2 and (camera_id = any($3) or zone_id = $4)"
                        + " and snapshot_ref is not null order by occurred_at, id limit " + max)
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                        grant.cameras().toArray(String[]::new), grant.zoneId))
                .map(rows -> {
                    List<EventDetails> found = new ArrayList<>();
                    rows.forEach(row -> found.add(details(row)));
                    return found;
                });
    }

    private static EventSummary summary(Row row) {
        return new EventSummary(row.getUUID("id"), row.getString("camera_id"), row.getString("zone_id"),
                DetectionType.valueOf(row.getString("type")), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getBigDecimal("confidence"));
    }

    private static EventDetails details(Row row) {
        return new EventDetails(row.getUUID("id"), row.getString("camera_id"), row.getString("zone_id"),
                DetectionType.valueOf(row.getString("type")), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getBigDecimal("confidence"), row.getString("snapshot_ref"), row.getBoolean("plate"),
                row.getOffsetDateTime("received_at").toInstant());
    }
}
