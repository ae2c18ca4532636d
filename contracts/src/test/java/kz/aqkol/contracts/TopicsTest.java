package kz.aqkol.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void buildsAndReadsPerDeviceTopics() {
        String topic = Topics.meterReadings("G-000123");

        assertThat(topic).isEqualTo("aqkol/v1/meters/G-000123/readings");
        assertThat(Topics.deviceId(Topics.METER_READINGS, topic)).contains("G-000123");
        assertThat(Topics.deviceId(Topics.METER_COMMAND_ACKS, Topics.meterCommandAcks("G-9"))).contains("G-9");
        assertThat(Topics.deviceId(Topics.CAMERA_EVENTS, Topics.cameraEvents("CAM-017"))).contains("CAM-017");
        assertThat(Topics.auditCheckpoints("billing-service")).isEqualTo("aqkol/v1/audit/checkpoints/billing-service");
        assertThat(Topics.deviceId(Topics.AUDIT_CHECKPOINTS, Topics.auditCheckpoints("billing-service")))
                .contains("billing-service");
    }

    @Test
    void refusesTopicsThatDoNotMatchOrCarryABadId() {
        assertThat(Topics.deviceId(Topics.METER_READINGS, "aqkol/v1/meters/G-1/commands")).isEmpty();
        assertThat(Topics.deviceId(Topics.METER_READINGS, "aqkol/v1/meters//readings")).isEmpty();
        assertThat(Topics.deviceId(Topics.METER_READINGS, "aqkol/v1/meters/a/b/readings")).isEmpty();
        assertThat(Topics.deviceId(Topics.METER_READINGS, "aqkol/v1/meters/ G1/readings")).isEmpty();
        assertThatThrownBy(() -> Topics.meterCommands("G/1")).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("meterId");
    }

    @Test
    void filtersMatchLikeABrokerMatchesThem() {
        assertThat(Topics.matches(Topics.METER_READINGS, "aqkol/v1/meters/G-1/readings")).isTrue();
        assertThat(Topics.matches(Topics.METER_READINGS, "aqkol/v1/meters/G-1/commands/ack")).isFalse();
        assertThat(Topics.matches(Topics.METER_COMMAND_ACKS, "aqkol/v1/meters/G-1/commands/ack")).isTrue();
        assertThat(Topics.matches(Topics.METER_COMMAND_ACKS, "aqkol/v1/meters/G-1/commands")).isFalse();
        assertThat(Topics.matches(Topics.ALERTS, Topics.alerts("camera-service"))).isTrue();
        assertThat(Topics.matches(Topics.ALERTS, "aqkol/v1/alerts")).isFalse();
        assertThat(Topics.deviceId(Topics.ALERTS, "aqkol/v1/alerts/metering-service")).contains("metering-service");
        assertThat(Topics.matches("aqkol/v1/#", "aqkol/v1/dlq/x")).isTrue();
    }

    @Test
    void sharedSubscriptionsNameTheirGroup() {
        assertThat(Topics.shared("metering-service", Topics.METER_READINGS))
                .isEqualTo("$share/metering-service/aqkol/v1/meters/+/readings");
        assertThat(Topics.deadLetters("alert-service")).isEqualTo("aqkol/v1/dlq/alert-service");
        assertThat(Topics.alerts("billing-service")).isEqualTo("aqkol/v1/alerts/billing-service");
        assertThatThrownBy(() -> Topics.alerts("+")).isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("service");
    }
}
