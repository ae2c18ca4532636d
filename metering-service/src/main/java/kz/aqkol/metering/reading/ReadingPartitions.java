package kz.aqkol.metering.reading;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.platform.db.MonthlyPartitions;
import kz.aqkol.platform.jobs.NotRunning;

/**
 * The monthly partitions of {@code reading}: at start and every {@code aqkol.metering.partitions.every}, one replica
 * makes the current month's and the next {@code ahead} months' partitions and drops the months that ended more than
 * {@code aqkol.metering.readings-retention} ago. Ingest makes a month on demand when a reading finds none.
 */
@ApplicationScoped
public class ReadingPartitions {

    private final MonthlyPartitions partitions;
    private final MeteringConfig config;
    private final Clock clock;

    ReadingPartitions(Pool pool, MeteringConfig config, Clock clock) {
        this.partitions = new MonthlyPartitions(pool, "reading");
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent event) {
        partitions.atStart(maintain(), config.partitions().every());
    }

    @Scheduled(every = "${aqkol.metering.partitions.every:6h}", delayed = "${aqkol.metering.partitions.every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return maintain().replaceWithVoid();
    }

    /** Makes the months ahead and drops the expired ones; nothing if another replica is doing it. */
    public Uni<MonthlyPartitions.Maintenance> maintain() {
        Instant now = Instant.now(clock);
        return partitions.maintain(now, config.partitions().ahead(), horizon(now));
    }

    /** The oldest instant a reading is kept for. */
    Instant horizon(Instant now) {
        return now.minus(config.readingsRetention());
    }

    /** Makes the partition of the month of {@code at} if it is missing (a reading written through Hibernate). */
    public Uni<Void> makeFor(Instant at) {
        return partitions.make(List.of(MonthlyPartitions.monthOf(at))).replaceWithVoid();
    }

    MonthlyPartitions table() {
        return partitions;
    }
}
