package kz.aqkol.platform.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * Turns the MQTT client's auto-ack off (and lets it have more publishes in flight). By default the Vert.x client sends PUBACK for a QoS 1 message before the
 * consumer has even seen it, so a crash loses everything in flight; {@link MqttIntake} acknowledges after commit.
 */
@ApplicationScoped
class ManualAck implements ClientCustomizer<MqttClientSessionOptions> {

    static final int MAX_INFLIGHT_PUBLISHES = 1_000;

    @Override
    public MqttClientSessionOptions customize(String channel, Config channelConfig,
                                              MqttClientSessionOptions options) {
        options.setAutoAck(false);
        // QoS 1 publishes awaiting their PUBACK; the client refuses more than this (default 10), so raise it for
        // bursts of alerts, commands and dead letters
        options.setMaxInflightQueue(MAX_INFLIGHT_PUBLISHES);
        return options;
    }
}
