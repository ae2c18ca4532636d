package kz.aqkol.platform.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Skips scheduled jobs once the service is shutting down, when the database pool is closing under them: they
 * would only fail and fill the log with errors. Use as {@code @Scheduled(..., skipExecutionIf = UnlessStopping.class)}.
 */
@Singleton
public class UnlessStopping implements Scheduled.SkipPredicate {

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return stopping;
    }
}
