package kz.aqkol.camera.retention;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.time.DbTimes;

/**
 * The purge's statements on the reactive pool: it holds a session advisory lock on one connection (one replica
 * purges at a time) and deletes in batches, each statement its own transaction, which a Hibernate session in a
 * transaction would not do. Events under legal hold (within the scope and window of a grant an auditor approved,
 * still active and not expired) are never deleted.
 */
@ApplicationScoped
class PurgeStore {

    private static final long LOCK = 0x4171_6b6f_6c50_7267L;
    private static final String TRY_LOCK = "select pg_try_advisory_lock($1) as locked";
    private static final String UNLOCK = "select pg_advisory_unlock($1)";
    private static final String ZONES = "select id, privacy_class from zone";
    private static final String POLICIES = "select privacy_class, event_type, days from retention_policy"
            + " order by privacy_class, event_type";
    private static final String HELD = """
            exists (select 1 from access_grant g
                    where g.status = 'ACTIVE' and g.decided_by is not null and g.decided_by <> g.requested_by
                      and g.expires_at > $1
                      and e.occurred_at >= g.window_from and e.occurred_at < g.window_to
                      and (e.camera_id = any(string_to_array(g.camera_ids, ',')) or e.zone_id = g.zone_id))""";
    private static final String DELETE = """
            with doomed as (
                select e.id from detection_event e
                where e.type = $2 and e.zone_id = any($3) and e.occurred_at < $4 and not\s""" + HELD + """
                limit $5)
            delete from detection_event d using doomed where d.id = doomed.id
            returning d.occurred_at""";
    private static final String COUNT_HELD = """
            select count(*) from detection_event e
            where e.type = $2 and e.zone_id = any($3) and e.occurred_at < $4 and\s""" + HELD;

    private final Pool pool;
    private final CameraConfig config;

    PurgeStore(Pool pool, CameraConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Deletes what the policies say is expired and not held; null if another replica is purging. */
    Uni<Tally> purge(Instant now) {
        return pool.withConnection(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK))
                .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().<Tally>nullItem()
                        : run(connection, DbTimes.at(now))
                        .eventually(() -> connection.preparedQuery(UNLOCK).execute(Tuple.of(LOCK)))));
    }

    private Uni<Tally> run(SqlConnection connection, OffsetDateTime at) {
        return connection.query(ZONES).execute()
                .chain(zoneRows -> {
                    Map<String, List<String>> zonesByClass = new HashMap<>();
                    zoneRows.forEach(z -> zonesByClass.computeIfAbsent(z.getString("privacy_class"),
                            c -> new ArrayList<>()).add(z.getString("id")));
                    return connection.query(POLICIES).execute()
                            .chain(policyRows -> {
                                List<Policy> policies = Rows.map(policyRows, p -> new Policy(
                                        p.getString("privacy_class"), p.getString("event_type"), p.getInteger("days")));
                                Tally tally = new Tally(describe(policies));
                                return Multi.createFrom().iterable(policies)
                                        .onItem().transformToUniAndConcatenate(p -> {
                                            List<String> zones = zonesByClass.getOrDefault(p.privacyClass(),
                                                    List.of());
                                            return zones.isEmpty() ? Uni.createFrom().voidItem()
                                                    : purgePolicy(connection, at, p, zones, tally);
                                        })
                                        .collect().last()
                                        .replaceWith(tally);
                            });
                });
    }

    private Uni<Void> purgePolicy(SqlConnection connection, OffsetDateTime at, Policy p, List<String> zones,
                                  Tally tally) {
        OffsetDateTime cutoff = at.minus(Duration.ofDays(p.days()));
        String[] zoneIds = zones.toArray(String[]::new);
        return batch(connection, at, p, zoneIds, cutoff, tally)
                .chain(() -> connection.preparedQuery(COUNT_HELD)
                        .execute(Tuple.of(at, p.eventType(), zoneIds, cutoff))
                        .invoke(rows -> tally.held += rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    /** One batch per statement (each its own transaction), until a batch comes back short. */
    private Uni<Void> batch(SqlConnection connection, OffsetDateTime at, Policy p, String[] zones,
                            OffsetDateTime cutoff, Tally tally) {
        return connection.preparedQuery(DELETE)
                .execute(Tuple.of(at, p.eventType(), zones, cutoff, config.purgeBatch()))
                .chain(rows -> {
                    for (Row row : rows) {
                        tally.add(p.eventType(), Rows.instant(row, "occurred_at"));
                    }
                    return rows.rowCount() < config.purgeBatch() ? Uni.createFrom().voidItem()
                            : batch(connection, at, p, zones, cutoff, tally);
                });
    }

    private static String describe(List<Policy> policies) {
        return policies.stream().collect(Collectors.groupingBy(Policy::privacyClass, TreeMap::new,
                        Collectors.mapping(p -> p.eventType() + "=" + p.days() + "d", Collectors.joining(","))))
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    private record Policy(String privacyClass, String eventType, int days) {
    }

    /** What a purge removed, per event type, and how many expired events a hold kept. */
    static final class Tally {
        final String policy;
        final Map<String, Long> counts = new TreeMap<>();
        long held;
        Instant oldest;
        Instant newest;

        Tally(String policy) {
            this.policy = policy;
        }

        void add(String type, Instant at) {
            counts.merge(type, 1L, Long::sum);
            oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            newest = newest == null || at.isAfter(newest) ? at : newest;
        }

        long purged() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
