package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.as;
import static kz.aqkol.e2e.Village.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * A camera that sees fire wakes the duty team: camera-service raises a critical alert, alert-service routes it and
 * delivers it to the team's webhook, signed.
 */
class CameraFireIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFireSeenByACameraIsACriticalAlertDeliveredToTheDutyWebhook() throws Exception {
        String camera = Village.camera(52.0, 70.9);

        try (WebhookRecorder duty = WebhookRecorder.start()) {
            String receiver = "duty-" + camera.toLowerCase();
            as(operator(), Service.ALERT).body("""
                            {"name":"%s","team":"duty","webhookUrl":"%s",
                             "signingKey":"e2e-signing-key-of-the-duty-team"}""".formatted(receiver, duty.url("/duty")))
                    .when().post("/receivers").then().statusCode(201);
            as(operator(), Service.ALERT).body("""
                            {"route": {"name": "root", "groupBy": ["subject"], "routes": [
                              {"name": "critical", "receiver": "%s", "groupWait": "0s", "groupInterval": "1s",
                               "matchers": [{"name": "severity", "value": "CRITICAL"}]}]}}""".formatted(receiver))
                    .when().put("/routing").then().statusCode(200);

            try (MqttTestClient device = Village.mqtt("camera")) {
                device.publish(Topics.cameraEvents(camera), Codec.write(new CameraEvent(UUID.randomUUID(),
                        Instant.now(), DetectionType.FIRE, 0.93, null, null, "nvr://" + camera + "/fire")));
            }

            WebhookRecorder.Request delivery = await("the duty webhook receives the fire")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> duty.requests().stream().filter(r -> r.body().contains("camera:" + camera))
                            .findFirst().orElse(null), java.util.Objects::nonNull);
            assertThat(delivery.path()).isEqualTo("/duty");
            assertThat(delivery.headers()).containsKey("x-aqkol-signature");
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.toString()).contains("\"FIRE\"").contains("\"CRITICAL\"");

            List<Map<String, Object>> alerts = Village.alertsAbout("camera:" + camera);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0)).containsEntry("type", "FIRE").containsEntry("severity", "CRITICAL")
                    .containsEntry("source", "camera-service");
        }
    }
}
