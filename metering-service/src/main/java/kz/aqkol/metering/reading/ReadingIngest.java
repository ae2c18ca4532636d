package kz.aqkol.metering.reading;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;

/** Meters' readings from {@code aqkol/v1/meters/+/readings}, acknowledged once stored. */
@ApplicationScoped
class ReadingIngest {

    void start(@Observes StartupEvent event, Intakes intakes, ReadingStore store) {
        intakes.open("readings", Topics.METER_READINGS, MeterReading.class, store);
    }
}
