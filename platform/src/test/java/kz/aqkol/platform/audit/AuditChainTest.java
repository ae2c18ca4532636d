package kz.aqkol.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456789Z");

    @Test
    void anUntouchedChainVerifiesAndNamesItsHead() {
        List<AuditEntry> chain = chain(5);

        AuditChain.Verification result = verify(chain);

        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
        assertThat(result.headSeq()).isEqualTo(5);
        assertThat(result.headHash()).isEqualTo(chain.get(4).hash());
    }

    @Test
    void theHashCoversMicrosecondsOnlyBecauseThatIsWhatTheDatabaseKeeps() {
        AuditEntry entry = chain(1).get(0);

        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123456Z"));
        assertThat(AuditChain.hash(entry)).isEqualTo(entry.hash());
    }

    @Test
    void anEditedEntryIsNamed() {
        List<AuditEntry> chain = new ArrayList<>(chain(5));
        AuditEntry third = chain.get(2);
        chain.set(2, new AuditEntry(third.seq(), third.occurredAt(), "someone-else", third.role(), third.action(),
                third.objectType(), third.objectId(), third.subjectAccount(), third.purpose(), third.detail(),
                third.prevHash(), third.hash()));

        AuditChain.Verification result = verify(chain);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo("entry 3 was altered after it was written");
    }

    @Test
    void anEditThatAlsoRehashesTheEntryBreaksTheNextLink() {
        List<AuditEntry> chain = new ArrayList<>(chain(5));
        AuditEntry third = chain.get(2);
        AuditEntry forged = new AuditEntry(third.seq(), third.occurredAt(), "someone-else", third.role(),
                third.action(), third.objectType(), third.objectId(), third.subjectAccount(), third.purpose(),
                third.detail(), third.prevHash(), null);
        chain.set(2, AuditChain.withHash(forged, AuditChain.hash(forged)));

        AuditChain.Verification result = verify(chain);

        assertThat(result.firstBrokenSeq()).isEqualTo(4);
        assertThat(result.reason()).isEqualTo("entry 4 does not link to the entry before it");
    }

    @Test
    void aDeletedEntryIsNamed() {
        List<AuditEntry> chain = new ArrayList<>(chain(5));
        chain.remove(1);

        AuditChain.Verification result = verify(chain);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
        assertThat(result.reason()).isEqualTo("entry 2 is missing (the next entry found is 3)");
    }

    @Test
    void aDeletedLastEntryIsCaughtByTheHead() {
        List<AuditEntry> chain = chain(5);
        AuditEntry last = chain.get(4);

        AuditChain.Verifier verifier = new AuditChain.Verifier();
        chain.subList(0, 4).forEach(verifier::accept);
        AuditChain.Verification result = verifier.finish(last.seq(), last.hash());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(5);
        assertThat(result.reason()).isEqualTo("the chain ends at entry 4 but its head names entry 5");
    }

    @Test
    void reorderedEntriesAreNamed() {
        List<AuditEntry> chain = new ArrayList<>(chain(5));
        Collections.swap(chain, 2, 3);

        AuditChain.Verification result = verify(chain);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo("entry 3 is missing (the next entry found is 4)");
    }

    @Test
    void entriesSwappedUnderTheirNumbersAreNamed() {
        List<AuditEntry> chain = new ArrayList<>(chain(5));
        AuditEntry third = chain.get(2);
        AuditEntry fourth = chain.get(3);
        chain.set(2, renumber(fourth, 3));
        chain.set(3, renumber(third, 4));

        AuditChain.Verification result = verify(chain);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void aTailCutTogetherWithItsHeadIsNamedByACheckpointHeldElsewhere() {
        List<AuditEntry> chain = chain(5);
        AuditChain.Verifier verifier = new AuditChain.Verifier()
                .against(new AuditChain.Checkpoint(5, chain.get(4).hash(), "the checkpoint signed at T"));
        chain.subList(0, 3).forEach(verifier::accept);

        AuditChain.Verification result = verifier.finish(3, chain.get(2).hash());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(4);
        assertThat(result.reason()).isEqualTo("the chain ends at entry 3 but the checkpoint signed at T names entry 5");
    }

    @Test
    void aChainRecomputedWithValidLinksIsNamedByACheckpointHeldElsewhere() {
        List<AuditEntry> original = chain(5);
        List<AuditEntry> recomputed = new ArrayList<>();
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (AuditEntry e : original) {
            String actor = e.seq() == 2 ? "someone-else" : e.actor();
            AuditEntry entry = AuditChain.link(seq, hash, e.occurredAt(), new AuditEvent(actor, e.role(), e.action(),
                    e.objectType(), e.objectId(), e.subjectAccount(), e.purpose(), e.detail()));
            recomputed.add(entry);
            seq = entry.seq();
            hash = entry.hash();
        }
        AuditEntry head = recomputed.get(4);
        assertThat(verify(recomputed, head).intact()).as("the links alone cannot tell").isTrue();

        AuditChain.Verifier verifier = new AuditChain.Verifier()
                .against(new AuditChain.Checkpoint(1, original.get(0).hash(), "the checkpoint signed at T1"))
                .against(new AuditChain.Checkpoint(3, original.get(2).hash(), "the checkpoint signed at T3"));
        recomputed.forEach(verifier::accept);
        AuditChain.Verification result = verifier.finish(head.seq(), head.hash());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.reason()).isEqualTo("entry 3's hash differs from the checkpoint signed at T3: the chain was "
                + "recomputed at or before entry 3");
    }

    @Test
    void aChainThatGrewPastItsCheckpointsVerifies() {
        List<AuditEntry> chain = chain(5);
        AuditChain.Verifier verifier = new AuditChain.Verifier()
                .against(new AuditChain.Checkpoint(0, AuditChain.GENESIS, "the checkpoint of the empty chain"))
                .against(new AuditChain.Checkpoint(4, chain.get(3).hash(), "the checkpoint signed at T"));
        chain.forEach(verifier::accept);

        assertThat(verifier.finish(5, chain.get(4).hash()).intact()).isTrue();
    }

    private static AuditEntry renumber(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.occurredAt(), e.actor(), e.role(), e.action(), e.objectType(), e.objectId(),
                e.subjectAccount(), e.purpose(), e.detail(), e.prevHash(), e.hash());
    }

    private static AuditChain.Verification verify(List<AuditEntry> chain, AuditEntry head) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        chain.forEach(verifier::accept);
        return verifier.finish(head.seq(), head.hash());
    }

    private static AuditChain.Verification verify(List<AuditEntry> chain) {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        chain.forEach(verifier::accept);
        AuditEntry head = chain(5).get(4);
        return verifier.finish(head.seq(), head.hash());
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (int i = 0; i < length; i++) {
            AuditEntry entry = AuditChain.link(seq, hash, T0.plusSeconds(i), new AuditEvent("op-" + i, "operator",
                    "READ", "invoice", "INV-" + i, "AQ-000" + i, "resident asked for help", null));
            chain.add(entry);
            seq = entry.seq();
            hash = entry.hash();
        }
        return chain;
    }
}
