package kz.aqkol.camera.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The detection metrics, named in one place (docs/operations.md lists them): {@value #DUPLICATES} counts detections
 * received again (same id) and skipped.
 */
@ApplicationScoped
public class EventMetrics {

    public static final String DUPLICATES = "aqkol.camera.events.duplicates";

    private final Counter duplicates;

    EventMetrics(MeterRegistry registry) {
        this.duplicates = Counter.builder(DUPLICATES).description("Detections received again (same id) and skipped")
                .register(registry);
    }

    void duplicates(int count) {
        duplicates.increment(count);
    }
}
