package kz.aqkol.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "aqkol.alert")
public interface AlertConfig {

    /** How often due notification groups, escalations and deliveries are looked at. */
    Duration tick();

    /** How long a webhook may take to answer. */
    @WithDefault("5s")
    Duration webhookTimeout();

    /** The longest pause between two delivery attempts. */
    @WithDefault("5m")
    Duration deliveryMaxBackoff();

    /** A notification nobody could take for this long is given up (and logged as an error). */
    @WithDefault("3d")
    Duration deliveryGiveUpAfter();

    /**
     * Alertmanager's {@code resolve_timeout}: an alert posted to {@code /api/v2/alerts} without {@code endsAt} is
     * firing, and Alertmanager's API shows it ending this long after it was last posted.
     */
    @WithDefault("5m")
    Duration resolveTimeout();

    /** Message ids are remembered this long for deduplication. */
    @WithDefault("7d")
    Duration deduplicationWindow();
}
