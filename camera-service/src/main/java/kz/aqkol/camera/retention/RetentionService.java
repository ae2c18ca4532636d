package kz.aqkol.camera.retention;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.camera.camera.PrivacyClass;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
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
    private static final String POLICIES = "select privacy_class, event_type, days, changed_at, changed_by"
            + " from retention_policy order by privacy_class, event_type";
    private static final String POLICY_DAYS_LOCKED = "select days from retention_policy"
            + " where privacy_class = :privacyClass and event_type = :eventType for update";
    private static final String SET_POLICY = "update retention_policy set days = :days, changed_at = :changedAt,"
            + " changed_by = :changedBy where privacy_class = :privacyClass and event_type = :eventType";
    private static final String RECEIPTS = """
            select r.id, r.ran_at, r.trigger, r.purged, r.held, r.oldest, r.newest, r.counts, r.policy, r.audit_seq,
                   (select count(*) from snapshot_deletion s where s.receipt_id = r.id and s.outcome = 'DELETED')
                       as deleted,
                   (select count(*) from snapshot_deletion s where s.receipt_id = r.id and s.outcome = 'ABSENT')
                       as absent,
                   (select count(*) from snapshot_deletion s where s.receipt_id = r.id and s.done_at is null)
                       as pending
            from purge_receipt r order by r.ran_at desc""";
    private static final String INSERT_RECEIPT = """
            insert into purge_receipt (id, ran_at, trigger, purged, held, oldest, newest, counts, policy, audit_seq)
            values (:id, :ranAt, :trigger, :purged, :held, :oldest, :newest, :counts, :policy, :auditSeq)""";

    private final PurgeStore store;
    private final AuditLog audit;
    private final Clock clock;

    RetentionService(PurgeStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<PolicyView>> policies() {
        return Panache.getSession().chain(s -> s.createNativeQuery(POLICIES, Tuple.class).getResultList())
                .map(rows -> rows.stream().map(r -> new PolicyView(Rows.string(r, "privacy_class"),
                        Rows.string(r, "event_type"), Rows.integer(r, "days"), Rows.instant(r, "changed_at"),
                        Rows.string(r, "changed_by"))).toList());
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
        return Panache.getSession().chain(s -> s.createNativeQuery(POLICY_DAYS_LOCKED, Integer.class)
                .setParameter("privacyClass", privacyClass).setParameter("eventType", type).getResultList())
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
        return Panache.getSession().chain(s -> s.createNativeQuery(SET_POLICY)
                        .setParameter("privacyClass", c.privacyClass).setParameter("eventType", c.eventType)
                        .setParameter("days", c.toDays).setParameter("changedAt", c.decidedAt)
                        .setParameter("changedBy", c.requestedBy).executeUpdate())
                .chain(() -> audit.append(actor.did("RETENTION_POLICY_CHANGE", "retention-policy", c.policy(), null,
                        c.describe() + "; " + how)))
                .replaceWith(c);
    }

    @WithSession
    public Uni<List<PurgeReceipt>> receipts(int rows) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECEIPTS, Tuple.class).setMaxResults(rows)
                        .getResultList())
                .map(list -> list.stream().map(r -> new PurgeReceipt(Rows.uuid(r, "id"), Rows.instant(r, "ran_at"),
                        Rows.string(r, "trigger"), Rows.number(r, "purged"), Rows.number(r, "held"),
                        Rows.instant(r, "oldest"), Rows.instant(r, "newest"), parseCounts(Rows.string(r, "counts")),
                        Rows.string(r, "policy"), Rows.number(r, "audit_seq"),
                        snapshots(Rows.number(r, "deleted"), Rows.number(r, "absent"), Rows.number(r, "pending"))))
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
        return store.purge(now, UUID.randomUUID())
                .chain(tally -> tally == null || tally.purged() == 0 && !alwaysReceipt ? Uni.createFrom().nullItem()
                        : receipt(actor, trigger, now, tally));
    }

    private static Map<String, Long> snapshots(long deleted, long absent, long pending) {
        Map<String, Long> snapshots = new TreeMap<>();
        snapshots.put("DELETED", deleted);
        snapshots.put("ABSENT", absent);
        snapshots.put("PENDING", pending);
        return snapshots;
    }

    private Uni<PurgeReceipt> receipt(Actor actor, String trigger, Instant now, PurgeStore.Tally tally) {
        UUID id = tally.receipt;
        String counts = tally.counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String detail = "receipt=" + id + "; purged=" + tally.purged() + " {" + counts + "}; held=" + tally.held
                + "; range=" + tally.oldest + "/" + tally.newest + "; policy=" + tally.policy
                + (tally.partitions.isEmpty() ? "" : "; dropped whole=" + String.join(",", tally.partitions))
                + "; snapshots queued for deletion at the recorder=" + tally.snapshots;
        LOG.infof("Purge %s: %d events deleted (%d month partitions dropped whole), %d kept under legal hold", id,
                tally.purged(), tally.partitions.size(), tally.held);
        return Panache.withTransaction(() -> audit.append(actor.did("PURGE", "purge-receipt", id.toString(), null,
                        detail))
                .chain(entry -> Panache.getSession().chain(s -> s.createNativeQuery(INSERT_RECEIPT)
                        .setParameter("id", id).setParameter("ranAt", now).setParameter("trigger", trigger)
                        .setParameter("purged", tally.purged()).setParameter("held", tally.held)
                        .setParameter("oldest", tally.oldest).setParameter("newest", tally.newest)
                        .setParameter("counts", counts).setParameter("policy", tally.policy)
                        .setParameter("auditSeq", entry.seq())
                        .executeUpdate())
                        .replaceWith(new PurgeReceipt(id, now, trigger, tally.purged(), tally.held, tally.oldest,
                                tally.newest, new TreeMap<>(tally.counts), tally.policy, entry.seq(),
                                snapshots(0, 0, tally.snapshots)))));
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
}
