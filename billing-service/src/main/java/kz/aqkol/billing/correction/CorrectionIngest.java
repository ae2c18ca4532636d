package kz.aqkol.billing.correction;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;

/** metering-service's corrections on {@code aqkol/v1/metering/corrections}, acknowledged once recorded. */
@ApplicationScoped
class CorrectionIngest {

    void start(@Observes StartupEvent event, Intakes intakes, CorrectionService corrections) {
        intakes.open("corrections", Topics.CONSUMPTION_CORRECTIONS, ConsumptionCorrected.class,
                corrections::record);
    }
}
