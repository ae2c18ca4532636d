package kz.aqkol.metering.reading;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.MqttIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Meters' readings from {@code aqkol/v1/meters/+/readings}, acknowledged once stored. */
@ApplicationScoped
class ReadingIngest {

    private final MqttIntake<MeterReading> intake;

    ReadingIngest(Intakes intakes, ReadingStore store) {
        this.intake = intakes.open("readings", Topics.METER_READINGS, MeterReading.class, store);
    }

    @Incoming("readings")
    Uni<Void> consume(Message<byte[]> message) {
        return intake.accept(message);
    }
}
