package kz.aqkol.camera.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Map<String, String> ZONES = Map.of("CAM-1", "gate", "CAM-2", "gate", "CAM-3", "market");

    @Test
    void aWindowReachesBackAtMostTheLookbackBeforeTheGrantWasMade() {
        Duration lookback = Duration.ofHours(72);

        assertThat(IncidentRules.reachesTooFar(NOW.minus(lookback), NOW, lookback)).isFalse();
        assertThat(IncidentRules.reachesTooFar(NOW.minus(lookback).minusSeconds(1), NOW, lookback)).isTrue();
        assertThat(IncidentRules.reachesTooFar(NOW.plusSeconds(60), NOW, lookback)).isFalse();
    }

    @Test
    void placesOverlapBySharedCameraByZoneOrByACameraInTheOthersZone() {
        IncidentRules.Place cam1 = IncidentRules.Place.of(List.of("CAM-1"), null, ZONES);
        IncidentRules.Place cam2 = IncidentRules.Place.of(List.of("CAM-2"), null, ZONES);
        IncidentRules.Place cam1and3 = IncidentRules.Place.of(List.of("CAM-3", "CAM-1"), null, ZONES);
        IncidentRules.Place cam3 = IncidentRules.Place.of(List.of("CAM-3"), null, ZONES);
        IncidentRules.Place gate = IncidentRules.Place.of(List.of(), "gate", ZONES);
        IncidentRules.Place market = IncidentRules.Place.of(List.of(), "market", ZONES);

        assertThat(IncidentRules.overlap(cam1, cam1and3)).isTrue();
        assertThat(IncidentRules.overlap(gate, gate)).isTrue();
        assertThat(IncidentRules.overlap(gate, cam2)).isTrue();
        assertThat(IncidentRules.overlap(cam2, gate)).isTrue();
        assertThat(IncidentRules.overlap(cam1, cam2)).as("two cameras of one zone, each named").isFalse();
        assertThat(IncidentRules.overlap(cam3, gate)).isFalse();
        assertThat(IncidentRules.overlap(gate, market)).isFalse();
        assertThat(IncidentRules.overlap(IncidentRules.Place.of(List.of("CAM-9"), null, ZONES), gate)).isFalse();
    }
}
