package kz.aqkol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.aqkol.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PurposeTest {

    @Test
    void aCodeFromTheListWithOrWithoutANote() {
        assertThat(Purpose.parse("COMPLAINT")).isEqualTo(new Purpose(Purpose.Code.COMPLAINT, null));
        assertThat(Purpose.parse("complaint; ticket 2026-118: bill too high").toString())
                .isEqualTo("COMPLAINT: ticket 2026-118: bill too high");
        assertThat(Purpose.parse(" safety : gas smell at Abai st.").toString())
                .isEqualTo("SAFETY: gas smell at Abai st.");
        assertThat(Purpose.parse("AUDIT;  ").toString()).isEqualTo("AUDIT");
    }

    @Test
    void nothingAnUnknownCodeOrFreeTextAloneIsRefusedNamingTheHeader() {
        for (String header : new String[] {null, "", "   ", "curiosity", "looking at the neighbour; why not",
                "complaint 17"}) {
            assertThatThrownBy(() -> Purpose.parse(header))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).errors().get(0).field())
                            .isEqualTo(Purpose.HEADER));
        }
    }

    @Test
    void aNoteIsBounded() {
        assertThat(Purpose.parse("BILLING; " + "x".repeat(Purpose.MAX_NOTE)).note()).hasSize(Purpose.MAX_NOTE);
        assertThatThrownBy(() -> Purpose.parse("BILLING; " + "x".repeat(Purpose.MAX_NOTE + 1)))
                .isInstanceOf(ProblemException.class);
    }
}
