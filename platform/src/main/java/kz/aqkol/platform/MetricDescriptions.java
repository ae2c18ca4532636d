package kz.aqkol.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps double quotes out of every meter's description. OpenMetrics escapes them in a HELP line as {@code \"}, which
 * the Prometheus text-format parser (promtool, and scrapers that parse every page as text) rejects as an invalid
 * escape, refusing the whole page; Micrometer's own JVM meters ({@code process.cpu.usage}, {@code system.cpu.usage})
 * quote words in theirs. A single quote reads the same and needs no escape in either format.
 */
class MetricDescriptions {

    @Produces
    @Singleton
    MeterFilter withoutDoubleQuotes() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                if (description == null || description.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), description.replace('"', '\''), id.getType());
            }
        };
    }
}
