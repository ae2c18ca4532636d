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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.camera.event.EventPartitions;
import kz.aqkol.platform.db.MonthlyPartitions;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * The purge's statements on the reactive pool: it holds a session advisory lock on one connection (one replica
 * purges at a time) and deletes in batches, each statement its own transaction, which a Hibernate session in a
 * transaction would not do. Events under legal hold (within the scope and window of a grant an auditor approved,
 * still active and not expired) are never deleted. First it drops the months whose every event is past every
 * policy's retention and none held (one statement instead of a month of row deletes, each counted per type for the
 * receipt before its partition goes); then it deletes what else is due, row by row, as before.
 */
@ApplicationScoped
class PurgeStore {

    private static final Logger LOG = Logger.getLogger(PurgeStore.class);
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
                limit $5),
            gone as (
                delete from detection_event d using doomed where d.id = doomed.id
                returning d.id, d.occurred_at, d.snapshot_ref),
            queued as (
                insert into snapshot_deletion (snapshot_ref, event_id, receipt_id, queued_at, next_attempt_at)
                select snapshot_ref, id, $6, $1, $1 from gone where snapshot_ref is not null
                on conflict (snapshot_ref) do nothing
                returning 1)
            select occurred_at, (select count(*) from queued) as queued from gone""";
    /** A month's snapshots, queued for the recorder before the month's partition is dropped. */
    private static final String QUEUE_MONTH = """
            insert into snapshot_deletion (snapshot_ref, event_id, receipt_id, queued_at, next_attempt_at)
            select snapshot_ref, id, $1, $2, $2 from detection_event
            where occurred_at >= $3 and occurred_at < $4 and snapshot_ref is not null
            on conflict (snapshot_ref) do nothing""";
    private static final String COUNT_HELD = """
            select count(*) from detection_event e
            where e.type = $2 and e.zone_id = any($3) and e.occurred_at < $4 and\s""" + HELD;

    private static final String COUNT_HELD_IN_MONTH = """
            select count(*) from detection_event e
            where e.occurred_at >= $2 and e.occurred_at < $3 and\s""" + HELD;
    private static final String COUNT_MONTH = """
            select type, count(*) as events, min(occurred_at) as oldest, max(occurred_at) as newest
            from detection_event where occurred_at >= $1 and occurred_at < $2 group by type""";

    private final Pool pool;
    private final CameraConfig config;
    private final MonthlyPartitions partitions;

    PurgeStore(Pool pool, CameraConfig config, EventPartitions partitions) {
        this.pool = pool;
        this.config = config;
        this.partitions = partitions.table();
    }

    /**
     * Deletes what the policies say is expired and not held, queueing each deleted event's snapshot for the
     * recorder under {@code receipt}; null if another replica is purging.
     */
    Uni<Tally> purge(Instant now, UUID receipt) {
        return pool.withConnection(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK))
                .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().<Tally>nullItem()
                        : run(connection, DbTimes.at(now), receipt)
                        .eventually(() -> connection.preparedQuery(UNLOCK).execute(Tuple.of(LOCK)))));
    }

    private Uni<Tally> run(SqlConnection connection, OffsetDateTime at, UUID receipt) {
        return connection.query(ZONES).execute()
                .chain(zoneRows -> {
                    Map<String, List<String>> zonesByClass = new HashMap<>();
                    zoneRows.forEach(z -> zonesByClass.computeIfAbsent(z.getString("privacy_class"),
                            c -> new ArrayList<>()).add(z.getString("id")));
                    return connection.query(POLICIES).execute()
                            .chain(policyRows -> {
                                List<Policy> policies = Rows.map(policyRows, p -> new Policy(
                                        p.getString("privacy_class"), p.getString("event_type"), p.getInteger("days")));
                                Tally tally = new Tally(describe(policies), receipt);
                                return dropMonths(connection, at, policies, tally).chain(() -> Multi.createFrom()
                                        .iterable(policies)
                                        .onItem().transformToUniAndConcatenate(p -> {
                                            List<String> zones = zonesByClass.getOrDefault(p.privacyClass(),
                                                    List.of());
                                            return zones.isEmpty() ? Uni.createFrom().voidItem()
                                                    : purgePolicy(connection, at, p, zones, tally);
                                        })
                                        .collect().last())
                                        .replaceWith(tally);
                            });
                });
    }

    /** Drops each month that ended before the longest retention began, unless an event in it is held. */
    private Uni<Void> dropMonths(SqlConnection connection, OffsetDateTime at, List<Policy> policies, Tally tally) {
        int longest = policies.stream().mapToInt(Policy::days).max().orElse(Integer.MAX_VALUE);
        if (longest == Integer.MAX_VALUE) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime cutoff = at.minus(Duration.ofDays(longest));
        return partitions.months(connection).chain(months -> Multi.createFrom().iterable(months)
                .select().where(month -> !MonthlyPartitions.end(month).isAfter(cutoff))
                .onItem().transformToUniAndConcatenate(month -> dropMonth(connection, at, month, tally))
                .collect().last()
                .replaceWithVoid());
    }

    /**
     * In one transaction: blocks writes to the month's partition, counts its held events (none: go on), counts its
     * events per type for the receipt and drops it.
     */
    private Uni<Void> dropMonth(SqlConnection connection, OffsetDateTime at, YearMonth month, Tally tally) {
        OffsetDateTime from = MonthlyPartitions.start(month);
        OffsetDateTime to = MonthlyPartitions.end(month);
        String partition = partitions.partition(month);
        return connection.begin().chain(tx -> connection.query("set local lock_timeout = '5s'").execute()
                .chain(() -> connection.query("lock table " + partition + " in share row exclusive mode").execute())
                .chain(() -> connection.preparedQuery(COUNT_HELD_IN_MONTH).execute(Tuple.of(at, from, to)))
                .chain(held -> held.iterator().next().getLong(0) > 0
                        ? tx.rollback().invoke(() -> LOG.infof("Partition %s is past retention but holds events under"
                                + " legal hold: its other events are deleted one by one", partition))
                        : connection.preparedQuery(COUNT_MONTH).execute(Tuple.of(from, to))
                        .chain(counts -> connection.preparedQuery(QUEUE_MONTH)
                                .execute(Tuple.of(tally.receipt, at, from, to))
                                .chain(queued -> partitions.drop(connection, month)
                                        .chain(dropped -> tx.commit())
                                        .invoke(() -> {
                                            counts.forEach(row -> tally.add(row.getString("type"),
                                                    row.getLong("events"), Rows.instant(row, "oldest"),
                                                    Rows.instant(row, "newest")));
                                            tally.snapshots += queued.rowCount();
                                            tally.partitions.add(partition);
                                        }))))
                .onFailure().call(failure -> tx.rollback().onFailure().recoverWithNull()
                        .invoke(() -> LOG.warnf(failure, "Partition %s could not be dropped; its events are deleted"
                                + " one by one", partition)))
                .onFailure().recoverWithNull()
                .replaceWithVoid());
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
                .execute(Tuple.from(List.of(at, p.eventType(), zones, cutoff, config.purgeBatch(), tally.receipt)))
                .chain(rows -> {
                    for (Row row : rows) {
                        tally.add(p.eventType(), Rows.instant(row, "occurred_at"));
                    }
                    if (rows.size() > 0) {
                        tally.snapshots += rows.iterator().next().getLong("queued");
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
        final UUID receipt;
        final Map<String, Long> counts = new TreeMap<>();
        /** Snapshots queued for deletion at the recorder. */
        long snapshots;
        /** The month partitions dropped whole. */
        final List<String> partitions = new ArrayList<>();
        long held;
        Instant oldest;
        Instant newest;

        Tally(String policy, UUID receipt) {
            this.policy = policy;
            this.receipt = receipt;
        }

        void add(String type, Instant at) {
            add(type, 1, at, at);
        }

        void add(String type, long events, Instant first, Instant last) {
            counts.merge(type, events, Long::sum);
            oldest = oldest == null || first.isBefore(oldest) ? first : oldest;
            newest = newest == null || last.isAfter(newest) ? last : newest;
        }

        long purged() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
