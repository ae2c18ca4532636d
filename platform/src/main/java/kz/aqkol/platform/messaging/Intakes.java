package kz.aqkol.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import kz.aqkol.contracts.AqkolMessage;

/**
 * Opens {@link MqttIntake}s. A consumer is then three lines:
 * <pre>{@code
 * intake = intakes.open("readings", Topics.METER_READINGS, MeterReading.class, readings::store);
 *
 * @Incoming("readings")
 * Uni<Void> consume(Message<byte[]> message) { return intake.accept(message); }
 * }</pre>
 * The channel is configured with the platform's MQTT defaults (QoS 1, persistent session, shared subscription).
 */
@ApplicationScoped
public class Intakes {

    private final DeadLetters deadLetters;
    private final IntakeConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;

    Intakes(DeadLetters deadLetters, IntakeConfig config, Vertx vertx, Clock clock, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * @param channel     the incoming channel's name
     * @param topicFilter the topic without the share prefix, e.g. {@code Topics.METER_READINGS}; a {@code +} level
     *                    is the device id
     */
    public <T extends AqkolMessage> MqttIntake<T> open(String channel, String topicFilter, Class<T> type,
                                                       IntakeHandler<T> handler) {
        IntakeConfig.ChannelOverrides overrides = config.channel().get(channel);
        MqttIntake.Settings settings = new MqttIntake.Settings(
                overrides == null ? config.maxBatch() : overrides.maxBatch().orElse(config.maxBatch()),
                overrides == null ? config.maxBatchesInFlight()
                        : overrides.maxBatchesInFlight().orElse(config.maxBatchesInFlight()),
                overrides == null ? config.maxPending() : overrides.maxPending().orElse(config.maxPending()),
                config.retryInitial(), config.retryMax());
        return new MqttIntake<>(channel, topicFilter, type, handler, settings, deadLetters, vertx, clock, registry);
    }
}
