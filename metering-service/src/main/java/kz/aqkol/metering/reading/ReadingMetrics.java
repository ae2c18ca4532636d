package kz.aqkol.metering.reading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The reading metrics, named in one place (docs/operations.md lists them): {@value #DUPLICATES} counts readings
 * received again (same id, or same meter and instant) and skipped.
 */
@ApplicationScoped
public class ReadingMetrics {

    public static final String DUPLICATES = "aqkol.readings.duplicates";

    private final Counter duplicates;

    ReadingMetrics(MeterRegistry registry) {
        this.duplicates = Counter.builder(DUPLICATES)
                .description("Readings received again (same id, or same meter and instant) and skipped")
                .register(registry);
    }

    void duplicates(int count) {
        duplicates.increment(count);
    }
}
