package kz.aqkol.alert.alert;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;

/** Alerts from every service on {@code aqkol/v1/alerts}, acknowledged once taken in. */
@ApplicationScoped
class AlertIngest {

    void start(@Observes StartupEvent event, Intakes intakes, AlertService alerts) {
        intakes.open("alerts", Topics.ALERTS, AlertRaised.class, alerts::take);
    }
}
