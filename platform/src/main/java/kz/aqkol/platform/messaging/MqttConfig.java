package kz.aqkol.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The broker the service's intakes subscribe to, and how. */
@ConfigMapping(prefix = "aqkol.mqtt")
public interface MqttConfig {

    String host();

    int port();

    /** Stable per replica, so that its persistent session (and what is queued for it) survives restarts. */
    String clientId();

    /** Replicas of one service share the stream: {@code $share/<group>/<filter>}. */
    String shareGroup();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("30s")
    Duration keepAlive();

    /** First pause before reconnecting after the broker went away (then doubling, up to 10 s). */
    @WithDefault("500ms")
    Duration reconnectDelay();
}
