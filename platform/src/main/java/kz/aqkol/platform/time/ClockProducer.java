package kz.aqkol.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The platform's clock is UTC; a test may replace it with a fixed or stepping one. {@code aqkol.clock.offset}
 * (e.g. {@code P66D}) runs a service's clock ahead of the real time, so that a drill or the demo can show what
 * happens weeks later (dunning, expiries) without waiting weeks; it is zero in production, and the service warns at
 * start when it is not.
 */
@ApplicationScoped
class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "aqkol.clock.offset", defaultValue = "PT0S") Duration offset) {
        if (offset.isZero()) {
            return Clock.systemUTC();
        }
        LOG.warnf("aqkol.clock.offset is %s: this service's clock runs that far from the real time (drills and "
                + "demos only)", offset);
        return Clock.offset(Clock.systemUTC(), offset);
    }
}
