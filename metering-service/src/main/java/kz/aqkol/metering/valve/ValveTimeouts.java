package kz.aqkol.metering.valve;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.platform.jobs.NotRunning;

/** Marks valve commands nobody answered in time, each raising an alert. */
@ApplicationScoped
class ValveTimeouts {

    private final ValveService valves;
    private final MeteringConfig config;
    private final Clock clock;

    ValveTimeouts(ValveService valves, MeteringConfig config, Clock clock) {
        this.valves = valves;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.metering.detect-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NotRunning.class)
    Uni<Void> check() {
        return valves.timeOut(Instant.now(clock).minus(config.valveAnswerTimeout())).replaceWithVoid();
    }
}
