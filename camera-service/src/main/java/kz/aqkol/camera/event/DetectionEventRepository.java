package kz.aqkol.camera.event;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.camera.access.AccessGrant;
import kz.aqkol.platform.db.TimedId;

/**
 * Events read one at a time or within a grant's scope (details, plate lookups, exports). Searches over all events
 * are {@link EventSearch}'s.
 */
@ApplicationScoped
public class DetectionEventRepository implements PanacheRepositoryBase<DetectionEvent, TimedId> {

    private static final String WINDOW = "occurredAt >= :from and occurredAt < :to";
    private static final int PLATE_ROWS = 500;

    /**
     * The event with this message id (the earliest, should a camera have sent one id at two instants). Without a
     * time it looks into every month's partition, one index probe each.
     */
    public Uni<DetectionEvent> byId(UUID id) {
        return find("id = ?1 order by occurredAt", id).firstResult();
    }

    /** The events of one plate (its keyed hash) within the grant's scope, newest first. */
    public Uni<List<DetectionEvent>> byPlate(String plateHash, AccessGrant grant) {
        return find("plateHash = :plate and " + where(grant) + " order by occurredAt desc, id desc",
                scope(grant, grant.windowFrom, grant.windowTo).and("plate", plateHash))
                .range(0, PLATE_ROWS - 1).list();
    }

    /** The events with a snapshot within the grant's scope and the window, oldest first. */
    public Uni<List<DetectionEvent>> inScope(AccessGrant grant, Instant from, Instant to, int max) {
        return find("snapshotRef is not null and " + where(grant) + " order by occurredAt, id",
                scope(grant, from, to))
                .range(0, max - 1).list();
    }

    /** A grant names cameras or a zone; an empty camera list is left out rather than bound as {@code in ()}. */
    private static String where(AccessGrant grant) {
        return WINDOW + (grant.cameras().isEmpty() ? " and zoneId = :zone"
                : " and (cameraId in :cameras or zoneId = :zone)");
    }

    private static Parameters scope(AccessGrant grant, Instant from, Instant to) {
        Parameters p = Parameters.with("from", from).and("to", to).and("zone", grant.zoneId);
        return grant.cameras().isEmpty() ? p : p.and("cameras", grant.cameras());
    }
}
