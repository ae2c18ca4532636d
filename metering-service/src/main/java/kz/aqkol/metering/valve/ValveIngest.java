package kz.aqkol.metering.valve;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.platform.messaging.Intakes;

/** Billing's account standings (which close and open valves) and the meters' answers to valve commands. */
@ApplicationScoped
class ValveIngest {

    void start(@Observes StartupEvent event, Intakes intakes, ValveService valves) {
        intakes.open("account-status", Topics.ACCOUNT_STATUS, AccountStatusChanged.class, valves::standingsChanged);
        intakes.open("valve-acks", Topics.METER_COMMAND_ACKS, ValveCommandAck.class, valves::answered);
    }
}
