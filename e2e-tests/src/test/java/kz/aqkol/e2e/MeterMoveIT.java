package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * A house changes hands mid-month. The operator tells metering-service only (it owns which account a meter belongs
 * to); billing-service hears it over the broker and bills the seller and the buyer each for the part of the month
 * they held the meter, consumption split at the move by metering-service's own readings.
 */
class MeterMoveIT {

    private static final int M3_PER_DAY = 3;
    private static final long TIYN_PER_M3 = 3_000; // the e2e gas tariff: flat, no standing charge

    @Test
    void aMeterMovedMidMonthIsBilledToBothAccountsInProportion() {
        String meter = Village.unique("G");
        String seller = Village.unique("AQ");
        String buyer = Village.unique("AQ");
        YearMonth billed = Village.lastMonth();
        Instant start = Village.startOf(billed);
        int days = billed.lengthOfMonth();
        Village.meter(meter, "GAS", seller, start.minus(Duration.ofDays(1)));
        Village.account(seller, meter);
        Village.account(buyer);
        try (MqttTestClient device = Village.mqtt("moved-meter")) {
            for (int day = 0; day <= days; day++) { // a steady 3 m³ a day, read at each midnight
                Village.reading(device, meter, start.plus(Duration.ofDays(day)), String.valueOf(M3_PER_DAY * day));
            }
        }
        Village.awaitReadings(meter, days + 2);

        // sold at noon on the 11th: the seller held the meter 10.5 days of the month, the buyer the rest
        Instant sold = start.plus(Duration.ofDays(10)).plus(Duration.ofHours(12));
        JsonPath history = Village.as(Village.operator(), Service.METERING)
                .body("{\"accountNumber\":\"%s\",\"from\":\"%s\",\"reason\":\"house sold\"}".formatted(buyer, sold))
                .when().post("/meters/" + meter + "/assignments").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("assignments.accountNumber")).containsExactly(seller, buyer);
        Village.awaitMeters(buyer, meter);
        Village.awaitMeters(seller);

        JsonPath run = Village.billRun(billed, seller, buyer);
        assertThat(run.getMap("outcomes")).as(run.prettify()).containsEntry("INVOICED", 2);
        double sellersPart = 10.5 * M3_PER_DAY;
        double buyersPart = (days - 10.5) * M3_PER_DAY;
        assertThat(consumption(seller)).isEqualTo(sellersPart);
        assertThat(consumption(buyer)).isEqualTo(buyersPart);
        assertThat(total(seller)).isEqualTo(Math.round(sellersPart * TIYN_PER_M3));
        assertThat(total(buyer)).isEqualTo(Math.round(buyersPart * TIYN_PER_M3));
    }

    /** The metered quantity on the account's one invoice, as its explanation gives it. */
    private static double consumption(String account) {
        String id = (String) Village.invoices(account).get(0).get("id");
        JsonPath why = Village.as(Village.resident(account), Service.BILLING).when()
                .get("/me/invoices/" + id + "/explanation").then().statusCode(200).extract().jsonPath();
        assertThat(why.getList("meters")).hasSize(1);
        return why.getDouble("meters[0].consumption");
    }

    private static long total(String account) {
        Map<String, Object> invoice = Village.invoices(account).get(0);
        return ((Number) invoice.get("totalTiyn")).longValue();
    }
}
