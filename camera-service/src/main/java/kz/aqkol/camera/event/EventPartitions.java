package kz.aqkol.camera.event;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.platform.db.MonthlyPartitions;
import kz.aqkol.platform.jobs.NotRunning;

/**
 * The monthly partitions of {@code detection_event}: at start and every {@code aqkol.camera.partitions-every}, one
 * replica makes the current month's and the next {@code partitions-ahead} months' partitions. Ingest makes a month
 * long past on demand; the purge drops months (RetentionService).
 */
@ApplicationScoped
public class EventPartitions {

    private final MonthlyPartitions partitions;
    private final CameraConfig config;
    private final Clock clock;

    EventPartitions(Pool pool, CameraConfig config, Clock clock) {
        this.partitions = new MonthlyPartitions(pool, "detection_event");
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent event) {
        partitions.atStart(makeAhead(), config.partitionsEvery());
    }

    @Scheduled(every = "${aqkol.camera.partitions-every:6h}", delayed = "${aqkol.camera.partitions-every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return makeAhead().replaceWithVoid();
    }

    /** Makes the months ahead; nothing if another replica is doing it. */
    public Uni<MonthlyPartitions.Maintenance> makeAhead() {
        return partitions.maintain(Instant.now(clock), config.partitionsAhead(), null);
    }

    /** The first instant after the last month made ahead: an event at or after it is refused. */
    Instant limit(Instant now) {
        return MonthlyPartitions.end(MonthlyPartitions.monthOf(now).plusMonths(config.partitionsAhead())).toInstant();
    }

    /** The table's partitions: ingest makes months on demand, the purge drops whole ones. */
    public MonthlyPartitions table() {
        return partitions;
    }
}
