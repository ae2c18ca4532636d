package kz.aqkol.platform;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers {@code GET /q/metrics} with {@code Accept: application/openmetrics-text}. Quarkus' own route produces
 * {@code application/openmetrics-text; version=1.0.0; charset=utf-8}, and Vert.x matches an Accept only when it
 * names those same parameters, so a scraper asking plainly for OpenMetrics got 406. This route, ahead of Quarkus'
 * (which sits on its own router under /q), serves the same registry in the same format for that request; every other
 * Accept still reaches Quarkus' route.
 */
@ApplicationScoped
class OpenMetricsRoute {

    static final String PATH = "/q/metrics";

    void register(@Observes Router router, PrometheusMeterRegistry registry) {
        router.get(PATH).order(Integer.MIN_VALUE).produces("application/openmetrics-text")
                .handler(context -> context.response()
                        .putHeader("Content-Type", TextFormat.CONTENT_TYPE_OPENMETRICS_100)
                        .end(registry.scrape(TextFormat.CONTENT_TYPE_OPENMETRICS_100)));
    }
}
