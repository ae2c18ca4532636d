package kz.aqkol.platform.messaging;

import io.smallrye.mutiny.Uni;
import java.util.List;
import kz.aqkol.contracts.AqkolMessage;

/**
 * What a service does with a batch of valid messages, in receive order. It commits the effect of all of them in one
 * transaction and answers with those it refused; the intake acknowledges the batch to the broker only after that.
 * A message seen before (the broker redelivers at QoS 1) must be accepted again without a second effect.
 */
@FunctionalInterface
public interface IntakeHandler<T extends AqkolMessage> {

    Uni<List<Refusal>> handle(List<Inbound<T>> batch);
}
