package kz.aqkol.camera.retention;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.camera.PrivacyClass;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * Retention: how long events are kept per zone privacy class and event type (lowering it needs a second person),
 * and the purge that deletes what is older, in batches, except events under legal hold (within the scope and window
 * of a grant an auditor approved, still active and not expired: nobody holds a purge on their own). Each purge
 * leaves a receipt (policy, counts per type, time range, events held) in the audit chain and in
 * {@code purge_receipt}. One replica purges at a time.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final long LOCK = 0x4171_6b6f_6c50_7267L;
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
    private final AuditLog audit;
    private final CameraConfig config;
    private final Clock clock;

    RetentionService(Pool pool, AuditLog audit, CameraConfig config, Clock clock) {
        this.pool = pool;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<PolicyView>> policies() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select privacy_class, event_type, days, changed_at, changed_by from retention_policy"
                                + " order by privacy_class, event_type", Object[].class).getResultList())
                .map(rows -> rows.stream().map(r -> new PolicyView((String) r[0], (String) r[1],
                        ((Number) r[2]).intValue(), DbTimes.instant(r[3]), (String) r[4])).toList());
    }

    /**
     * Asks to keep one class of events {@code days} long. Raising (or keeping) it applies at once; lowering it is
     * PENDING until an auditor who is not the requester approves it, because a shorter retention destroys records.
     */
    @WithTransaction
    public Uni<RetentionChange> change(Actor actor, PrivacyClass privacyClass, DetectionType type, int days) {
        Instant now = Instant.now(clock);
        return currentDays(privacyClass.name(), type.name()).chain(old -> {
            RetentionChange c = new RetentionChange();
            c.id = UUID.randomUUID();
            c.privacyClass = privacyClass.name();
            c.eventType = type.name();
            c.fromDays = old;
            c.toDays = days;
            c.requestedBy = actor.name();
            c.requestedAt = now;
            if (days >= old) {
                c.status = RetentionChange.APPLIED;
                c.decidedBy = actor.name();
                c.decidedAt = now;
                return persist(c).chain(() -> apply(actor, c, "raised by the requester"));
            }
            c.status = RetentionChange.PENDING;
            return Panache.getSession().chain(s -> s.createSelectionQuery("select count(*) from RetentionChange"
                                    + " where privacyClass = ?1 and eventType = ?2 and status = ?3", Long.class)
                            .setParameter(1, c.privacyClass).setParameter(2, c.eventType)
                            .setParameter(3, RetentionChange.PENDING).getSingleResult())
                    .chain(pending -> {
                        if (pending > 0) {
                            throw ProblemException.conflict("a lowering of " + c.policy() + " waits for an auditor"
                                    + " already");
                        }
                        return persist(c);
                    })
                    .chain(() -> audit.append(actor.did("RETENTION_CHANGE_REQUEST", "retention-change",
                            c.id.toString(), null, c.describe() + "; lowering: waits for an auditor")))
                    .replaceWith(c);
        });
    }

    /** An auditor who is not the requester applies a pending lowering, if the policy has not changed since. */
    @WithTransaction
    public Uni<RetentionChange> approve(Actor actor, UUID id) {
        return pending(actor, id).chain(c -> currentDays(c.privacyClass, c.eventType).chain(days -> {
            if (days != c.fromDays) {
                throw ProblemException.conflict(c.policy() + " is " + days + " days now, not " + c.fromDays
                        + ": deny this change and ask again");
            }
            c.status = RetentionChange.APPLIED;
            c.decidedBy = actor.name();
            c.decidedAt = Instant.now(clock);
            return apply(actor, c, "requested by " + c.requestedBy + "; change=" + c.id);
        }));
    }

    @WithTransaction
    public Uni<RetentionChange> deny(Actor actor, UUID id) {
        return pending(actor, id).chain(c -> {
            c.status = RetentionChange.DENIED;
            c.decidedBy = actor.name();
            c.decidedAt = Instant.now(clock);
            return audit.append(actor.did("RETENTION_CHANGE_DENY", "retention-change", id.toString(), null,
                    c.describe() + "; requested by " + c.requestedBy)).replaceWith(c);
        });
    }

    @WithSession
    public Uni<List<RetentionChange>> changes(int rows) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "from RetentionChange order by requestedAt desc, id desc", RetentionChange.class)
                .setMaxResults(rows).getResultList());
    }

    private Uni<RetentionChange> pending(Actor actor, UUID id) {
        return Panache.getSession().chain(s -> s.find(RetentionChange.class, id)).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("retention change", id);
            }
            if (c.requestedBy.equals(actor.name())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "nobody approves their own retention change");
            }
            if (!RetentionChange.PENDING.equals(c.status)) {
                throw ProblemException.conflict("retention change " + id + " is " + c.status + ", not PENDING");
            }
            return c;
        });
    }

    /** The policy's days, its row locked until the transaction ends. */
    private Uni<Integer> currentDays(String privacyClass, String type) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select days from retention_policy where privacy_class = ?1 and event_type = ?2 for update",
                        Integer.class)
                .setParameter(1, privacyClass).setParameter(2, type).getResultList())
                .map(days -> {
                    if (days.isEmpty()) {
                        throw ProblemException.notFound("retention policy", privacyClass + "/" + type);
                    }
                    return days.get(0);
                });
    }

    private Uni<Void> persist(RetentionChange c) {
        return Panache.getSession().chain(s -> s.persist(c));
    }

    private Uni<RetentionChange> apply(Actor actor, RetentionChange c, String how) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update retention_policy set days = ?3,"
                                + " changed_at = ?4, changed_by = ?5 where privacy_class = ?1 and event_type = ?2")
                        .setParameter(1, c.privacyClass).setParameter(2, c.eventType).setParameter(3, c.toDays)
                        .setParameter(4, c.decidedAt).setParameter(5, c.requestedBy).executeUpdate())
                .chain(() -> audit.append(actor.did("RETENTION_POLICY_CHANGE", "retention-policy", c.policy(), null,
                        c.describe() + "; " + how)))
                .replaceWith(c);
    }

    @WithSession
    public Uni<List<PurgeReceipt>> receipts(int rows) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select id, ran_at, trigger, purged, held, oldest, newest, counts, policy, audit_seq
                        from purge_receipt order by ran_at desc limit""" + " " + rows, Object[].class)
                .getResultList())
                .map(list -> list.stream().map(r -> new PurgeReceipt((UUID) r[0], DbTimes.instant(r[1]),
                        (String) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).longValue(),
                        DbTimes.instant(r[5]), DbTimes.instant(r[6]),
                        parseCounts((String) r[7]), (String) r[8], r[9] == null ? null : ((Number) r[9]).longValue()))
                        .toList());
    }

    @Scheduled(every = "${aqkol.camera.purge-every:1h}", delayed = "${aqkol.camera.purge-delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return purge(Actor.system(), "scheduled", false).replaceWithVoid();
    }

    /**
     * Deletes what the policy says is expired and not held. Returns the receipt, or null if another replica is
     * purging (or, when {@code alwaysReceipt} is false, if nothing was due).
     */
    public Uni<PurgeReceipt> purge(Actor actor, String trigger, boolean alwaysReceipt) {
        Instant now = Instant.now(clock);
        return pool.withConnection(connection -> connection
                .preparedQuery("select pg_try_advisory_lock($1) as locked").execute(Tuple.of(LOCK))
                .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().nullItem()
                        : run(connection, now)
                        .eventually(() -> connection.preparedQuery("select pg_advisory_unlock($1)")
                                .execute(Tuple.of(LOCK)))))
                .chain(tally -> tally == null || tally.purged() == 0 && !alwaysReceipt ? Uni.createFrom().nullItem()
                        : receipt(actor, trigger, now, tally));
    }

    private Uni<Tally> run(SqlConnection connection, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return connection.query("select id, privacy_class from zone").execute()
                .chain(zoneRows -> {
                    Map<String, List<String>> zonesByClass = new HashMap<>();
                    zoneRows.forEach(z -> zonesByClass.computeIfAbsent(z.getString("privacy_class"),
                            c -> new ArrayList<>()).add(z.getString("id")));
                    return connection.query("select privacy_class, event_type, days from retention_policy"
                                    + " order by privacy_class, event_type").execute()
                            .chain(policyRows -> {
                                List<Policy> policies = new ArrayList<>();
                                policyRows.forEach(p -> policies.add(new Policy(p.getString("privacy_class"),
                                        p.getString("event_type"), p.getInteger("days"))));
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
                        tally.add(p.eventType(), row.getOffsetDateTime("occurred_at").toInstant());
                    }
                    return rows.rowCount() < config.purgeBatch() ? Uni.createFrom().voidItem()
                            : batch(connection, at, p, zones, cutoff, tally);
                });
    }

    private Uni<PurgeReceipt> receipt(Actor actor, String trigger, Instant now, Tally tally) {
        UUID id = UUID.randomUUID();
        String counts = tally.counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String detail = "receipt=" + id + "; purged=" + tally.purged() + " {" + counts + "}; held=" + tally.held
                + "; range=" + tally.oldest + "/" + tally.newest + "; policy=" + tally.policy;
        LOG.infof("Purge %s: %d events deleted, %d kept under legal hold", id, tally.purged(), tally.held);
        return Panache.withTransaction(() -> audit.append(actor.did("PURGE", "purge-receipt", id.toString(), null,
                        detail))
                .chain(entry -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                insert into purge_receipt (id, ran_at, trigger, purged, held, oldest, newest, counts,
                                                           policy, audit_seq)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                        .setParameter(1, id).setParameter(2, now).setParameter(3, trigger)
                        .setParameter(4, tally.purged()).setParameter(5, tally.held)
                        .setParameter(6, tally.oldest).setParameter(7, tally.newest)
                        .setParameter(8, counts).setParameter(9, tally.policy).setParameter(10, entry.seq())
                        .executeUpdate())
                        .replaceWith(new PurgeReceipt(id, now, trigger, tally.purged(), tally.held, tally.oldest,
                                tally.newest, new TreeMap<>(tally.counts), tally.policy, entry.seq()))));
    }

    private static String describe(List<Policy> policies) {
        return policies.stream().collect(Collectors.groupingBy(Policy::privacyClass, TreeMap::new,
                        Collectors.mapping(p -> p.eventType() + "=" + p.days() + "d", Collectors.joining(","))))
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    static Map<String, Long> parseCounts(String counts) {
        Map<String, Long> map = new TreeMap<>();
        if (counts != null && !counts.isBlank()) {
            for (String part : counts.split(",")) {
                String[] kv = part.split("=");
                map.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return map;
    }

    private record Policy(String privacyClass, String eventType, int days) {
    }

    private static final class Tally {
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
