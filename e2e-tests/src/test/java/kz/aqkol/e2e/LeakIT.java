package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.alertsAbout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A leak found by metering-service reaches alert-service as one alert, however often it is detected. */
class LeakIT {

    @Test
    void aDayOfUnbrokenFlowAtAWaterMeterIsOneLeakAlertInAlertService() throws Exception {
        String meter = Village.unique("W");
        Village.dayOfFlow(meter, Village.unique("AQ"));

        List<Map<String, Object>> alerts = await("alert-service holds a LEAK alert about meter " + meter)
                .atMost(Duration.ofSeconds(60))
                .until(() -> alertsAbout("meter:" + meter), found -> !found.isEmpty());
        Thread.sleep(6_000); // metering's detector runs every 2 s here: three more passes see the same leak

        // while the day's readings were still arriving, a detector pass may have seen the meter silent since its
        // installation, or its first reading as a spike: those resolve once the readings are in; the leak stays
        alerts = await("nothing but the leak open about meter " + meter).atMost(Duration.ofSeconds(30))
                .until(() -> alertsAbout("meter:" + meter), found -> found.stream()
                        .allMatch(alert -> "LEAK".equals(alert.get("type")) || "RESOLVED".equals(alert.get("status"))));
        List<Map<String, Object>> leaks = alerts.stream().filter(alert -> "LEAK".equals(alert.get("type"))).toList();
        assertThat(leaks).as("one LEAK alert for the meter, however many passes saw it").hasSize(1);
        Map<String, Object> leak = leaks.get(0);
        assertThat(leak).containsEntry("type", "LEAK").containsEntry("source", "metering-service")
                .containsEntry("severity", "MAJOR").containsEntry("status", "OPEN");
        assertThat(leak.get("labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("utility", "WATER");
    }
}
