package kz.aqkol.alert.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kz.aqkol.alert.alert.Alert;
import org.junit.jupiter.api.Test;

class PublicAlertsTest {

    @Test
    void onlyAFireOrSmokeACameraSawIsPublic() {
        assertThat(PublicAlerts.of(alert("camera-service", "FIRE", "camera:c1", Map.of("zone", "square"))))
                .hasValueSatisfying(kind -> assertThat(kind.subCategory()).isEqualTo("buildingFire"));
        assertThat(PublicAlerts.of(alert("camera-service", "SMOKE", "camera:c1", Map.of()))).isPresent();
        assertThat(PublicAlerts.of(alert("camera-service", "WATCHLIST", "watchlist:e1", Map.of()))).isEmpty();
        assertThat(PublicAlerts.of(alert("camera-service", "OFFLINE", "camera:c1", Map.of()))).isEmpty();
        assertThat(PublicAlerts.of(alert("metering-service", "FIRE", "meter:m1", Map.of()))).isEmpty();
        assertThat(PublicAlerts.of(alert("camera-service", "FIRE", "account:a1", Map.of()))).isEmpty();
        assertThat(PublicAlerts.of(alert("camera-service", "FIRE", "camera:c1", Map.of("account", "a1")))).isEmpty();
    }

    private static Alert alert(String source, String type, String subject, Map<String, String> labels) {
        Alert alert = new Alert();
        alert.source = source;
        alert.type = type;
        alert.subject = subject;
        alert.labels = labels;
        return alert;
    }
}
