package kz.aqkol.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.AuditCheckpoint;
import org.junit.jupiter.api.Test;

class ChainVerdictTest {

    private static final AuditChain.Verification INTACT = new AuditChain.Verification(true, 9, null, null, 9L,
            "ab".repeat(32));

    @Test
    void withoutWitnessesTheVerdictSaysThereIsNoExternalCheckpoint() {
        ChainVerdict verdict = ChainVerdict.of(INTACT, new Witnessed(0, 0, List.of(), 0, true));

        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.external().status()).isEqualTo(ChainVerdict.ExternalStatus.NO_WITNESSES);
        assertThat(verdict.external().detail()).startsWith("no external checkpoint")
                .endsWith("so the chain was checked against its own head only");
    }

    @Test
    void unreachableWitnessesAreNamedNotPassedOverInSilence() {
        ChainVerdict verdict = ChainVerdict.of(INTACT, new Witnessed(3, 0, List.of(), 0, true));

        assertThat(verdict.external().status()).isEqualTo(ChainVerdict.ExternalStatus.UNREACHABLE);
        assertThat(verdict.external().detail()).contains("none of the 3 witnesses answered");
    }

    @Test
    void witnessesWithoutCheckpointsAndAServiceWithoutItsKeyAreToldApart() {
        assertThat(ChainVerdict.of(INTACT, new Witnessed(3, 2, List.of(), 0, true)).external().status())
                .isEqualTo(ChainVerdict.ExternalStatus.NO_CHECKPOINT);
        assertThat(ChainVerdict.of(INTACT, new Witnessed(3, 0, List.of(), 0, false)).external().status())
                .isEqualTo(ChainVerdict.ExternalStatus.NO_KEY);
    }

    @Test
    void aComparedChainNamesTheNewestCheckpointAndWhoHoldsIt() {
        AuditCheckpoint older = checkpoint(4, "2026-11-25T10:00:00Z");
        AuditCheckpoint newer = checkpoint(7, "2026-11-25T10:01:00Z");
        Witnessed witnessed = new Witnessed(3, 2, List.of(new Witnessed.Held(newer, "http://billing"),
                new Witnessed.Held(older, "http://alert")), 1, true);

        ChainVerdict verdict = ChainVerdict.of(INTACT, witnessed);

        assertThat(verdict.external().status()).isEqualTo(ChainVerdict.ExternalStatus.COMPARED);
        assertThat(verdict.external().newest()).isEqualTo(newer);
        assertThat(verdict.external().heldBy()).isEqualTo("http://billing");
        assertThat(verdict.external().checkpoints()).isEqualTo(2);
        assertThat(verdict.external().detail()).isEqualTo("matches the 2 checkpoints held by 2 of 3 witnesses, the "
                + "newest signed at 2026-11-25T10:01:00Z for entry 7; 1 checkpoints the witnesses returned were not "
                + "signed by this service and were ignored");
    }

    private static AuditCheckpoint checkpoint(long seq, String at) {
        return new AuditCheckpoint(UUID.randomUUID(), Instant.parse(at), "metering-service", seq, "cd".repeat(32),
                "A".repeat(86) + "==");
    }
}
