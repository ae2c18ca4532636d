package kz.aqkol.metering.valve;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.MqttIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Billing's account standings (which close and open valves) and the meters' answers to valve commands. */
@ApplicationScoped
class ValveIngest {

    private final MqttIntake<AccountStatusChanged> standings;
    private final MqttIntake<ValveCommandAck> answers;

    ValveIngest(Intakes intakes, ValveService valves) {
        this.standings = intakes.open("account-status", Topics.ACCOUNT_STATUS, AccountStatusChanged.class,
                valves::standingsChanged);
        this.answers = intakes.open("valve-acks", Topics.METER_COMMAND_ACKS, ValveCommandAck.class,
                valves::answered);
    }

    @Incoming("account-status")
    Uni<Void> standing(Message<byte[]> message) {
        return standings.accept(message);
    }

    @Incoming("valve-acks")
    Uni<Void> answer(Message<byte[]> message) {
        return answers.accept(message);
    }
}
