package kz.aqkol.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.aqkol.portal.console.StatedPurpose.Problem;
import org.junit.jupiter.api.Test;

class StatedPurposeTest {

    @Test
    void aCodeFromTheListWithAnAsciiNoteBecomesTheHeader() {
        StatedPurpose purpose = StatedPurpose.of(" COMPLAINT ", " TICKET-118; bill too high ");
        assertThat(StatedPurpose.problem(purpose)).isEqualTo(Problem.NONE);
        assertThat(purpose.header()).isEqualTo("COMPLAINT; TICKET-118; bill too high");
        assertThat(StatedPurpose.of("SAFETY", "  ").header()).isEqualTo("SAFETY");
        assertThat(purpose.query()).isEqualTo("purpose=COMPLAINT&note=TICKET-118%3B+bill+too+high");
    }

    @Test
    void noCodeAnUnknownCodeOrANoteAHeaderCannotCarryAreRefused() {
        assertThat(StatedPurpose.problem(StatedPurpose.of(null, "x"))).isEqualTo(Problem.MISSING);
        assertThat(StatedPurpose.problem(StatedPurpose.of("CURIOSITY", null))).isEqualTo(Problem.UNKNOWN_CODE);
        assertThat(StatedPurpose.problem(StatedPurpose.of("safety", null))).isEqualTo(Problem.UNKNOWN_CODE);
        // Cyrillic would reach the service garbled; a line break would split the header
        assertThat(StatedPurpose.problem(StatedPurpose.of("COMPLAINT", "жалоба 118"))).isEqualTo(Problem.BAD_NOTE);
        assertThat(StatedPurpose.problem(StatedPurpose.of("COMPLAINT", "a\r\nX-Other: 1"))).isEqualTo(Problem.BAD_NOTE);
        assertThat(StatedPurpose.problem(StatedPurpose.of("COMPLAINT", "x".repeat(201)))).isEqualTo(Problem.BAD_NOTE);
        assertThat(StatedPurpose.problem(StatedPurpose.of("COMPLAINT", "x".repeat(200)))).isEqualTo(Problem.NONE);
        assertThatThrownBy(() -> StatedPurpose.of("CURIOSITY", null).header())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theListIsTheServicesClosedList() {
        assertThat(StatedPurpose.CODES).containsExactlyInAnyOrder("COMPLAINT", "BILLING", "METER_SERVICE", "SAFETY",
                "INVESTIGATION", "AUDIT");
    }
}
