package kz.aqkol.platform.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * The publishing client (outbox and dead letters, through the messaging connector) may have more QoS 1 messages
 * awaiting their PUBACK than the Vert.x default of 10, which refuses bursts of alerts and commands.
 */
@ApplicationScoped
class PublisherOptions implements ClientCustomizer<MqttClientSessionOptions> {

    static final int MAX_INFLIGHT_PUBLISHES = 1_000;

    @Override
    public MqttClientSessionOptions customize(String channel, Config channelConfig,
                                              MqttClientSessionOptions options) {
        options.setMaxInflightQueue(MAX_INFLIGHT_PUBLISHES);
        return options;
    }
}
