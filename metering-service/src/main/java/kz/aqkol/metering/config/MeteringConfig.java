package kz.aqkol.metering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "aqkol.metering")
public interface MeteringConfig {

    /** How far in the future a reading's occurredAt may lie (meter clocks drift) before it is refused. */
    @WithDefault("5m")
    Duration clockSkew();
}
