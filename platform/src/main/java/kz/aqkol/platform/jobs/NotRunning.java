package kz.aqkol.platform.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips scheduled jobs while the service is not running: until start-up has finished (the scheduler's first ticks
 * can come before messaging has wired its channels on a slow start, and a job that publishes would fail to be
 * created) and once shutdown begins (the database pool closes under the jobs). Either way they would only fail and
 * fill the log with errors. Use as {@code @Scheduled(..., skipExecutionIf = NotRunning.class)}.
 */
@Singleton
public class NotRunning implements Scheduled.SkipPredicate {

    private volatile boolean running;

    /** After every other start-up observer, the messaging channels' included. */
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 500) StartupEvent event) {
        running = true;
    }

    void stopping(@Observes ShutdownEvent event) {
        running = false;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !running;
    }
}
