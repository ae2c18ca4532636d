package kz.aqkol.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.portal.console.ConsoleApis.AlertView;
import kz.aqkol.portal.console.ConsoleApis.CameraView;
import kz.aqkol.portal.console.ConsoleApis.MeterView;
import kz.aqkol.portal.console.VillagePlan.CameraMark;
import kz.aqkol.portal.console.VillagePlan.ZoneMark;
import org.junit.jupiter.api.Test;

class VillagePlanTest {

    static CameraView camera(String id, String zone, Double lat, Double lon, boolean online) {
        return new CameraView(id, id + " name", "", zone, "FIXED", lat, lon, "ACTIVE", online, Instant.EPOCH);
    }

    static AlertView alert(String source, String type, String subject, String status, Map<String, String> labels) {
        return new AlertView(UUID.randomUUID(), source, type, subject, "MAJOR", status, "", labels, 1,
                Instant.EPOCH, Instant.EPOCH, null, null, null, null, 0);
    }

    static MeterView meter(String id, String zone, String valve) {
        return new MeterView(id, "GAS", "M3", true, zone, "AQ-" + id, null, valve);
    }

    @Test
    void camerasAreDrawnWithTheirStateAndThoseWithoutCoordinatesOnlyListed() {
        List<CameraView> cameras = List.of(
                camera("CAM-1", "north", 51.650, 73.10, true),
                camera("CAM-2", "north", 51.652, 73.11, false),
                camera("CAM-3", "square", 51.660, 73.12, true),
                camera("CAM-4", "square", null, null, true));
        List<AlertView> open = List.of(
                alert("camera-service", "FIRE", "camera:CAM-3", "OPEN", Map.of()),
                alert("camera-service", "OFFLINE", "camera:CAM-1", "ACKNOWLEDGED", Map.of()),
                alert("camera-service", "SMOKE", "camera:CAM-4", "RESOLVED", Map.of()));

        VillagePlan plan = VillagePlan.of(cameras, List.of(), open);

        assertThat(plan.cameras()).extracting(CameraMark::id).containsExactly("CAM-1", "CAM-2", "CAM-3");
        assertThat(plan.cameras()).extracting(CameraMark::state).containsExactly("silent", "silent", "alarm");
        assertThat(plan.cameras().get(2).alarms()).containsExactly("FIRE");
        assertThat(plan.unplacedCameras()).extracting(CameraMark::id, CameraMark::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CAM-4", "ok"));
        assertThat(plan.cameras().get(2).outline()).startsWith("M ").endsWith(" Z");
        assertThat(plan.scaleMetres()).isPositive();
        assertThat(plan.scaleUnits()).isPositive().isLessThanOrEqualTo(VillagePlan.WIDTH / 4);
    }

    @Test
    void aZonesTroubledMetersSitAtTheMiddleOfItsCamerasAndOtherZonesAreOnlyListed() {
        List<CameraView> cameras = List.of(
                camera("CAM-1", "north", 51.650, 73.10, true),
                camera("CAM-2", "north", 51.652, 73.12, true),
                camera("CAM-3", "south", 51.660, 73.12, true));
        List<AlertView> open = List.of(
                alert("metering-service", "LEAK", "meter:G-1", "OPEN", Map.of("zone", "north")),
                alert("metering-service", "SILENT", "meter:W-9", "OPEN", Map.of("zone", "east")));
        List<MeterView> meters = List.of(meter("G-1", "north", "OPEN"), meter("G-2", "north", "CLOSED"),
                meter("G-3", "south", "OPEN"));

        VillagePlan plan = VillagePlan.of(cameras, MeterStates.troubled(meters, open), open);

        assertThat(plan.zones()).extracting(ZoneMark::zone).containsExactly("north");
        ZoneMark north = plan.zones().get(0);
        assertThat(north.counts()).containsExactly(Map.entry("LEAK", 1), Map.entry("VALVE_CLOSED", 1));
        assertThat(north.urgent()).isTrue();
        CameraMark one = plan.cameras().get(0);
        CameraMark two = plan.cameras().get(1);
        assertThat(north.at().x()).isCloseTo((one.at().x() + two.at().x()) / 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(north.at().y()).isCloseTo((one.at().y() + two.at().y()) / 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(plan.unplacedZones()).extracting(ZoneMark::zone).containsExactly("east");
        assertThat(plan.unplacedZones().get(0).urgent()).isFalse();
    }

    @Test
    void noCamerasGiveAnEmptyPlanWithoutAScale() {
        VillagePlan plan = VillagePlan.of(List.of(), List.of(), List.of());
        assertThat(plan.cameras()).isEmpty();
        assertThat(plan.scaleMetres()).isZero();
    }
}
