package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.MqttTestClient;
import org.junit.jupiter.api.Test;

/**
 * A reading that arrives after its month was billed corrects the bill: metering-service recomputes the period
 * billing asked it about and publishes the correction, billing-service issues a credit note against the invoice.
 */
class LateReadingIT {

    @Test
    void aLateReadingForABilledMonthBecomesACreditNoteAgainstItsInvoice() {
        String meter = Village.unique("G");
        String account = Village.unique("AQ");
        YearMonth billed = Village.lastMonth();
        Instant monthEnd = Village.startOf(billed.plusMonths(1));
        Village.meter(meter, "GAS", account, Village.startOf(billed).minus(Duration.ofDays(1)));
        Village.account(account, meter);
        try (MqttTestClient device = Village.mqtt("late-meter")) {
            // no reading at the month's end: the bill estimates it between the first of the month and now
            Village.reading(device, meter, Village.startOf(billed), "5");
            Village.reading(device, meter, Instant.now(), "105");
            Village.awaitReadings(meter, 3);
            assertThat(Village.billRun(billed, account).getMap("outcomes")).containsEntry("INVOICED", 1);
            Map<String, Object> invoice = Village.invoices(account).get(0);
            long billedTiyn = ((Number) invoice.get("totalTiyn")).longValue();
            assertThat(billedTiyn).as("an estimated end of month: more than 10 m³ billed").isGreaterThan(30_000);

            // the meter's batch from the month's end comes in late: only 10 m³ were used in the billed month
            Village.reading(device, meter, monthEnd, "15");
        }

        List<Map<String, Object>> invoices = await("billing-service issues a credit note for " + account)
                .atMost(Duration.ofSeconds(60))
                .until(() -> Village.invoices(account), list -> list.size() >= 2);
        assertThat(invoices).hasSize(2);
        Map<String, Object> original = invoices.get(1);
        Map<String, Object> credit = invoices.get(0);
        assertThat(credit).containsEntry("kind", "CREDIT_NOTE").containsEntry("originalInvoice", original.get("id"))
                .containsEntry("totalTiyn", (int) (((Number) original.get("totalTiyn")).longValue() - 30_000));
    }
}
