package kz.aqkol.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import kz.aqkol.contracts.AqkolMessage;

/**
 * Opens {@link MqttIntake}s. A service consumes a topic by opening one at start-up:
 * <pre>{@code
 * void start(@Observes StartupEvent event, Intakes intakes, ReadingStore store) {
 *     intakes.open("readings", Topics.METER_READINGS, MeterReading.class, store);
 * }
 * }</pre>
 * The {@link MqttSubscriber} then subscribes {@code $share/<service>/<filter>} at QoS 1 on its persistent session.
 */
@ApplicationScoped
public class Intakes {

    private final DeadLetters deadLetters;
    private final MqttSubscriber subscriber;
    private final IntakeConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Tracer tracer;

    Intakes(DeadLetters deadLetters, MqttSubscriber subscriber, IntakeConfig config, Vertx vertx, Clock clock,
            MeterRegistry registry, Tracer tracer) {
        this.deadLetters = deadLetters;
        this.subscriber = subscriber;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
        this.tracer = tracer;
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
                config.retryInitial(), config.retryMax());
        MqttIntake<T> intake = new MqttIntake<>(channel, topicFilter, type, handler, settings, deadLetters,
                subscriber, vertx, clock, registry, tracer);
        subscriber.register(intake);
        return intake;
    }
}
