package kz.aqkol.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How MQTT intakes batch and retry. The defaults suit every channel; a channel may override them under
 * {@code aqkol.intake.channel."<name>".*}.
 */
@ConfigMapping(prefix = "aqkol.intake")
public interface IntakeConfig {

    /** Most messages committed in one transaction. */
    @WithDefault("500")
    int maxBatch();

    /**
     * Batches committing at once. More than one raises throughput, but lets a later message of a device commit
     * before an earlier one: raise it only where the handler does not care about order.
     */
    @WithDefault("1")
    int maxBatchesInFlight();

    /** First pause before retrying a batch the database could not take (then doubling). */
    @WithDefault("100ms")
    Duration retryInitial();

    /** Longest pause between retries; retries go on until the database is back. */
    @WithDefault("5s")
    Duration retryMax();

    /** How long to wait for the broker to take a dead letter (it is in the database already). */
    @WithDefault("5s")
    Duration deadLetterPublishTimeout();

    Map<String, ChannelOverrides> channel();

    interface ChannelOverrides {
        Optional<Integer> maxBatch();

        Optional<Integer> maxBatchesInFlight();
    }
}
