package kz.aqkol.e2e;

import static io.restassured.RestAssured.given;
import static kz.aqkol.e2e.Village.as;
import static kz.aqkol.e2e.Village.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.CommandResult;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveCommand;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.contracts.ValveState;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * Arrears close the gas and paying them opens it again: billing's dunning blocks the account, metering-service
 * closes the account's valve over MQTT, the meter answers; the resident pays through the payment sandbox (the pay
 * action alone credits nothing; the sandbox's signed confirmation does), billing unblocks, the valve opens.
 * Dunning blocks 45 days past the due date (20 days after the bill), so billing-service is restarted with its
 * clock 66 days ahead ({@code aqkol.clock.offset}), and back to the real time at the end.
 */
class OverdueValveIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void anOverdueAccountIsBlockedItsValveClosesAndPaymentReopensIt() {
        String meter = Village.unique("G");
        String account = Village.unique("AQ");
        YearMonth billed = Village.lastMonth();
        Village.meter(meter, "GAS", account, Village.startOf(billed).minus(Duration.ofDays(1)));
        Village.account(account, meter);
        try (MqttTestClient device = Village.mqtt("valve-meter").subscribe(Topics.meterCommands(meter));
             MqttTestClient standing = Village.mqtt("account-status").subscribe(Topics.ACCOUNT_STATUS)) {
            Village.reading(device, meter, Village.startOf(billed), "5");
            Village.reading(device, meter, Village.startOf(billed.plusMonths(1)), "45");
            Village.awaitReadings(meter, 3);
            assertThat(Village.billRun(billed, account).getMap("outcomes")).containsEntry("INVOICED", 1);
            Map<String, Object> invoice = Village.invoices(account).get(0);
            assertThat(invoice).containsEntry("openTiyn", 120_000); // 40 m³ at 30 KZT

            LocalStack stack = Village.stack();
            try {
                stack.configure(Service.BILLING, "aqkol.clock.offset", "P66D").restart(Service.BILLING);
                as(operator(), Service.BILLING).when().post("/dunning/runs").then().statusCode(200);
                assertThat(status(account)).isEqualTo("BLOCKED");
                assertThat(published(standing, account, AccountStatus.BLOCKED).previousStatus())
                        .isEqualTo(AccountStatus.ACTIVE);

                ValveCommand close = command(device, ValveAction.CLOSE_VALVE);
                answer(device, meter, close, ValveState.CLOSED);
                await("metering-service records the valve closed").atMost(PATIENCE)
                        .until(() -> valve(meter), "CLOSED"::equals);

                // the pay action alone opens a checkout at the payment sandbox: nothing is credited, still blocked
                String reference = as(Village.resident(account), Service.BILLING)
                        .header("Idempotency-Key", "e2e-" + account)
                        .body("{\"amountTiyn\":120000,\"currency\":\"KZT\"}")
                        .when().post("/me/payments").then().statusCode(201).extract().path("providerReference");
                assertThat(status(account)).isEqualTo("BLOCKED");
                // the payer confirms it at the sandbox, whose signed callback credits the account
                given().baseUri(stack.paymentSandboxUrl()).when().post("/checkouts/" + reference + "/confirm")
                        .then().statusCode(200).body("callbackStatus", equalTo(200));
                assertThat(status(account)).isEqualTo("ACTIVE");
                assertThat(published(standing, account, AccountStatus.ACTIVE).previousStatus())
                        .as("unblocked: leaving BLOCKED is published").isEqualTo(AccountStatus.BLOCKED);

                ValveCommand open = command(device, ValveAction.OPEN_VALVE);
                answer(device, meter, open, ValveState.OPEN);
                await("metering-service records the valve open").atMost(PATIENCE)
                        .until(() -> valve(meter), "OPEN"::equals);
            } finally {
                stack.configure(Service.BILLING, "aqkol.clock.offset", "PT0S").restart(Service.BILLING);
            }
        }
    }

    private static String status(String account) {
        return as(operator(), Service.BILLING).header("X-Purpose", "BILLING; e2e check").when()
                .get("/accounts/" + account).then().statusCode(200)
                .extract().path("status");
    }

    private static String valve(String meter) {
        return as(operator(), Service.METERING).when().get("/meters/" + meter).then().statusCode(200)
                .extract().path("valve");
    }

    /** What billing-service published on aqkol/v1/billing/account-status about the account's new standing. */
    private static AccountStatusChanged published(MqttTestClient standing, String account, AccountStatus status) {
        return Codec.read(standing.await(m -> {
            AccountStatusChanged change = Codec.read(m.payload(), AccountStatusChanged.class);
            return change.accountNumber().equals(account) && change.status() == status;
        }, PATIENCE).payload(), AccountStatusChanged.class);
    }

    /** The next command of this kind the meter receives from metering-service. */
    private static ValveCommand command(MqttTestClient device, ValveAction action) {
        MqttTestClient.Received received = device.await(m -> Codec.read(m.payload(), ValveCommand.class).command()
                == action, PATIENCE);
        return Codec.read(received.payload(), ValveCommand.class);
    }

    private static void answer(MqttTestClient device, String meter, ValveCommand command, ValveState valve) {
        device.publish(Topics.meterCommandAcks(meter), Codec.write(new ValveCommandAck(UUID.randomUUID(),
                Instant.now(), command.id(), CommandResult.DONE, valve)));
    }
}
