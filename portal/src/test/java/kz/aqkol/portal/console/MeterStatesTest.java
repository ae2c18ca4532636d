package kz.aqkol.portal.console;

import static kz.aqkol.portal.console.VillagePlanTest.alert;
import static kz.aqkol.portal.console.VillagePlanTest.meter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.aqkol.portal.console.ConsoleApis.MeterView;
import kz.aqkol.portal.console.MeterStates.MeterState;
import org.junit.jupiter.api.Test;

class MeterStatesTest {

    @Test
    void aMeterIsTroubledByItsOpenAlertsAndAClosedValveWorstFirst() {
        List<MeterView> meters = List.of(meter("E-1", "north", "OPEN"), meter("G-2", "south", "CLOSED"),
                meter("W-3", "north", "OPEN"));
        List<MeterState> troubled = MeterStates.troubled(meters, List.of(
                alert("metering-service", "SILENT", "meter:W-3", "OPEN", Map.of()),
                alert("metering-service", "LEAK", "meter:G-2", "ACKNOWLEDGED", Map.of()),
                alert("metering-service", "SILENT", "meter:G-2", "OPEN", Map.of()),
                alert("metering-service", "TAMPER", "meter:E-1", "RESOLVED", Map.of()),
                alert("camera-service", "TAMPER", "meter:E-1", "OPEN", Map.of()),
                alert("metering-service", "INVOICE_DISPUTED", "meter:E-1", "OPEN", Map.of())));

        assertThat(troubled).extracting(MeterState::id).containsExactly("G-2", "W-3");
        assertThat(troubled.get(0).problems()).containsExactly("LEAK", "SILENT", "VALVE_CLOSED");
        assertThat(troubled.get(0).account()).isEqualTo("AQ-G-2");
        assertThat(troubled.get(1).problems()).containsExactly("SILENT");
    }

    @Test
    void aMeterKnownOnlyFromAnAlertTakesItsZoneAndAccountFromTheLabels() {
        List<MeterState> troubled = MeterStates.troubled(List.of(), List.of(alert("metering-service", "LEAK",
                "meter:G-7", "OPEN", Map.of("zone", "east", "account", "AQ-0007", "utility", "GAS"))));
        assertThat(troubled).containsExactly(new MeterState("G-7", "east", "AQ-0007", "GAS", false,
                List.of("LEAK")));
    }

    @Test
    void aDecommissionedMetersClosedValveIsNoProblem() {
        MeterView gone = new MeterView("G-8", "GAS", "M3", true, "north", "AQ-8", Instant.EPOCH, "CLOSED");
        assertThat(MeterStates.troubled(List.of(gone), List.of())).isEmpty();
    }
}
