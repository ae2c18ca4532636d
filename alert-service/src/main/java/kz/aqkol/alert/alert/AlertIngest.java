package kz.aqkol.alert.alert;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.MqttIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Alerts from every service on {@code aqkol/v1/alerts}, acknowledged once taken in. */
@ApplicationScoped
class AlertIngest {

    private final MqttIntake<AlertRaised> intake;

    AlertIngest(Intakes intakes, AlertService alerts) {
        this.intake = intakes.open("alerts", Topics.ALERTS, AlertRaised.class, alerts::take);
    }

    @Incoming("alerts")
    Uni<Void> consume(Message<byte[]> message) {
        return intake.accept(message);
    }
}
