package kz.aqkol.camera.footage;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.time.DbTimes;
import org.jboss.logging.Logger;

/**
 * Deletes purged events' snapshots at the recorder. The purge queues them ({@code snapshot_deletion}, in the
 * statement that deletes the events); each turn, one replica at a time ({@link PassLock}) asks the recorder to delete
 * those due, records DELETED or ABSENT, or the failure and when to try again (10 s, doubling, at most an hour
 * apart, for ever): a snapshot is never given up on, and each receipt shows what is still waiting and why.
 */
@ApplicationScoped
public class SnapshotDeletions {

    private static final Logger LOG = Logger.getLogger(SnapshotDeletions.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final String DUE = """
            select snapshot_ref, attempts from snapshot_deletion
            where done_at is null and next_attempt_at <= $1 order by next_attempt_at limit $2""";
    private static final String DONE = """
            update snapshot_deletion set attempts = attempts + 1, outcome = $2, done_at = $3, last_error = null
            where snapshot_ref = $1""";
    private static final String FAILED = """
            update snapshot_deletion set attempts = attempts + 1, last_error = $2, next_attempt_at = $3
            where snapshot_ref = $1""";
    private static final String OF_RECEIPT = """
            select snapshot_ref, event_id, outcome, attempts, last_error, done_at, next_attempt_at
            from snapshot_deletion where receipt_id = $1 order by queued_at, snapshot_ref limit $2""";
    private static final String COUNTS = """
            select coalesce(outcome, 'PENDING') as status, count(*) as n from snapshot_deletion
            where receipt_id = $1 group by 1""";

    /** One snapshot of a purge: DELETED, ABSENT (the recorder had none) or PENDING (with the last failure). */
    public record Deletion(String snapshotRef, UUID eventId, String status, int attempts, String lastError,
                           Instant doneAt, Instant nextAttemptAt) {
    }

    private final Pool pool;
    private final Recorder recorder;
    private final CameraConfig.Recorder config;
    private final Clock clock;

    SnapshotDeletions(Pool pool, Recorder recorder, CameraConfig config, Clock clock) {
        this.pool = pool;
        this.recorder = recorder;
        this.config = config.recorder();
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.camera.recorder.delete-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return deleteDue().onFailure().invoke(e -> LOG.warnf("snapshot deletions paused: %s", e.toString()))
                .onFailure().recoverWithItem(0)
                // a full turn means more are due: the next turn at once, not a tick later (a month's purge)
                .chain(asked -> asked == config.batch() ? scheduled() : Uni.createFrom().voidItem());
    }

    /** Asks the recorder to delete the snapshots that are due; how many it asked about (0 if another replica is). */
    public Uni<Integer> deleteDue() {
        Instant now = Instant.now(clock);
        return pool.withTransaction(c -> PassLock.ifTaken(c, "snapshot-deletions", () -> c.preparedQuery(DUE)
                .execute(Tuple.of(DbTimes.at(now), config.batch()))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> attempt(c, row, now))
                            .collect().last().replaceWith(due.size());
                }), 0));
    }

    private Uni<Void> attempt(SqlConnection c, Row row, Instant now) {
        String ref = row.getString("snapshot_ref");
        int attempts = row.getInteger("attempts") + 1;
        return recorder.delete(ref)
                .chain(outcome -> c.preparedQuery(DONE).execute(Tuple.of(ref, outcome.name(), DbTimes.at(now))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Duration wait = backoff(attempts);
                    String reason = failure.getMessage() != null ? failure.getMessage() : failure.toString();
                    LOG.warnf("Snapshot %s not deleted at the recorder (attempt %d): %s; trying again in %s", ref,
                            attempts, reason, wait);
                    return c.preparedQuery(FAILED).execute(Tuple.of(ref, reason, DbTimes.at(now.plus(wait))))
                            .replaceWithVoid();
                });
    }

    /** 10 s after the first failure, doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** The snapshots of one purge receipt, in the order they were queued. */
    public Uni<List<Deletion>> ofReceipt(UUID receipt, int limit) {
        return pool.preparedQuery(OF_RECEIPT).execute(Tuple.of(receipt, limit)).map(rows -> {
            List<Deletion> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Deletion(r.getString("snapshot_ref"), r.getUUID("event_id"),
                    r.getString("outcome") != null ? r.getString("outcome") : "PENDING", r.getInteger("attempts"),
                    r.getString("last_error"), Rows.instant(r, "done_at"),
                    r.getString("outcome") != null ? null : Rows.instant(r, "next_attempt_at"))));
            return list;
        });
    }

    /** How many of a receipt's snapshots are DELETED, ABSENT and PENDING. */
    public Uni<java.util.Map<String, Long>> counts(UUID receipt) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(receipt)).map(rows -> {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            rows.forEach(r -> counts.put(r.getString("status"), r.getLong("n")));
            return counts;
        });
    }
}
