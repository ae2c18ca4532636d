package kz.aqkol.billing.correction;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.MqttIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** metering-service's corrections on {@code aqkol/v1/metering/corrections}, acknowledged once recorded. */
@ApplicationScoped
class CorrectionIngest {

    private final MqttIntake<ConsumptionCorrected> intake;

    CorrectionIngest(Intakes intakes, CorrectionService corrections) {
        this.intake = intakes.open("corrections", Topics.CONSUMPTION_CORRECTIONS, ConsumptionCorrected.class,
                corrections::record);
    }

    @Incoming("corrections")
    Uni<Void> consume(Message<byte[]> message) {
        return intake.accept(message);
    }
}
