package kz.aqkol.billing.run;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Consumption from metering-service, guarded: each call times out, is retried with exponential backoff and
 * jitter, and a circuit breaker stops calling a metering-service that keeps failing (the bill run then reports
 * the accounts pending, to be retried). Limits are configurable through MicroProfile Fault Tolerance properties
 * ({@code kz.aqkol.billing.run.Metering/periods/Retry/maxRetries=...}). Retries happen outside the breaker, so
 * each attempt counts towards opening it.
 */
@ApplicationScoped
public class Metering {

    /** The circuit breaker's name, for CircuitBreakerMaintenance (state, reset). */
    public static final String BREAKER = "metering";

    private final MeteringClient client;

    Metering(@RestClient MeteringClient client) {
        this.client = client;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 200, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = CircuitBreakerOpenException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 3, maxDelayUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2)
    @CircuitBreakerName(Metering.BREAKER)
    public Uni<List<MeterPeriod>> periods(List<String> meters, Instant from, Instant to) {
        return client.periods(new MeterPeriod.Query(meters, from, to));
    }
}
