package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.simulator.Village;

/**
 * metering-service's detectors run every minute, camera-service's offline watch every 30 s; what they find
 * goes to alert-service over MQTT. Waits until metering holds the leak and the tamper, camera-service the
 * silent camera, and alert-service has the alerts (or has dead-lettered what it could not take).
 */
final class Detections implements Step {

    private static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(150);

    private final MqttTestClient deadLetters;

    Detections(MqttTestClient deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void run(Story story) throws Exception {
        story.chapter("Waiting for the detectors (metering every minute, camera offline watch every 30 s)");
        Village village = story.village;
        boolean leak = !village.metersWith(Village.Anomaly.LEAK).isEmpty();
        boolean tamper = !village.metersWith(Village.Anomaly.TAMPER).isEmpty();
        boolean silentCamera = village.cameras().stream().anyMatch(Village.Camera::goesSilent);
        List<String> wanted = new ArrayList<>(List.of("FIRE"));
        if (leak) {
            wanted.add("LEAK");
        }
        if (tamper) {
            wanted.add("TAMPER");
        }
        if (silentCamera) {
            wanted.add("OFFLINE");
        }
        Instant deadline = Instant.now().plus(DETECTION_TIMEOUT);
        while (true) {
            String conditions = story.databases.groups("metering", "select type, count(*) from meter_condition "
                    + "where active group by type order by type");
            long offline = story.databases.count("camera", "select count(*) from camera where offline_alerted");
            Map<String, Long> types = alertTypes(story.api);
            long refused = deadLetters.received().stream().filter(m -> m.topic().endsWith("/alert-service")).count();
            List<String> missing = wanted.stream().filter(t -> !types.containsKey(t)).toList();
            story.out.printf("  metering's active conditions %s; cameras offline %d; alert-service: %s%s%s%n",
                    conditions, offline,
                    types.isEmpty() ? "no alerts" : types,
                    missing.isEmpty() ? "" : ", waiting for " + String.join(", ", missing),
                    refused == 0 ? "" : "; " + refused + " alerts dead-lettered by alert-service");
            boolean detected = (!leak || conditions.contains("LEAK")) && (!tamper || conditions.contains("TAMPER"))
                    && (!silentCamera || offline > 0);
            if (detected && (missing.isEmpty() || refused >= 4) || Instant.now().isAfter(deadline)) {
                return;
            }
            Thread.sleep(10_000);
        }
    }

    private static Map<String, Long> alertTypes(DemoApi api) {
        Map<String, Long> types = new TreeMap<>();
        for (JsonNode alert : api.alerts()) {
            types.merge(alert.path("type").asText(), 1L, Long::sum);
        }
        return types;
    }
}
