package kz.aqkol.platform;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Tags every metric with the service's name, so one Prometheus can tell the four services apart. */
class ServiceMetrics {

    @Produces
    @Singleton
    MeterFilter serviceTag(ServiceInfo service) {
        return MeterFilter.commonTags(Tags.of("service", service.name()));
    }
}
