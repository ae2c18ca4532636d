package kz.aqkol.platform.tracing;

import io.prometheus.client.exemplars.ExemplarSampler;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * No trace exemplars on {@code /q/metrics}. With OpenTelemetry present Quarkus adds the current trace's id to
 * counters and buckets, which only the OpenMetrics format can carry: a scraper that asks for nothing gets OpenMetrics
 * and, reading it as the text format as the simplest ones do (and promtool does), fails on the first exemplar. The
 * trace ids are in the logs instead (docs/architecture.md, "Tracing").
 */
public class NoExemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> exemplarSampler() {
        return Optional.empty();
    }
}
