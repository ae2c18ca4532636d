package kz.aqkol.platform.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Comparator;
import kz.aqkol.contracts.AuditCheckpoint;

/**
 * The answer of {@code /audit/verify}: the chain's verdict ({@code intact}, and if not, the first broken entry and
 * why), and what it was compared with outside the database ({@code external}). Intact with an external status other
 * than {@code COMPARED} means only that the chain agrees with itself and its head: someone who owns the database
 * could have cut its tail or recomputed it.
 */
@RegisterForReflection
public record ChainVerdict(boolean intact, long checked, Long firstBrokenSeq, String reason, Long headSeq,
                           String headHash, External external) {

    /** Whether the chain could be compared with checkpoints held outside the database, and if not, why. */
    public enum ExternalStatus {
        /** Compared with every checkpoint of this service the witnesses hold. */
        COMPARED,
        /** No witnesses are configured. */
        NO_WITNESSES,
        /** This service has no public key of its own to check its checkpoints with. */
        NO_KEY,
        /** No witness answered. */
        UNREACHABLE,
        /** The witnesses hold no checkpoint of this service yet. */
        NO_CHECKPOINT
    }

    /**
     * {@code newest} is the newest checkpoint compared with and {@code heldBy} the witness that holds it;
     * {@code checkpoints} how many were compared.
     */
    @RegisterForReflection
    public record External(ExternalStatus status, String detail, int witnesses, int answered, int checkpoints,
                           AuditCheckpoint newest, String heldBy) {
    }

    static ChainVerdict of(AuditChain.Verification chain, Witnessed witnessed) {
        return new ChainVerdict(chain.intact(), chain.checked(), chain.firstBrokenSeq(), chain.reason(),
                chain.headSeq(), chain.headHash(), external(chain, witnessed));
    }

    private static External external(AuditChain.Verification chain, Witnessed witnessed) {
        int asked = witnessed.asked();
        if (asked == 0) {
            return unchecked(ExternalStatus.NO_WITNESSES, "no external checkpoint: no witnesses are configured "
                    + "(aqkol.audit.witnesses)", witnessed);
        }
        if (!witnessed.hasOwnKey()) {
            return unchecked(ExternalStatus.NO_KEY, "no external checkpoint: this service has no public key of its "
                    + "own to check its checkpoints with (aqkol.audit.public-keys)", witnessed);
        }
        if (witnessed.answered() == 0) {
            return unchecked(ExternalStatus.UNREACHABLE, "no external checkpoint: none of the " + asked
                    + " witnesses answered", witnessed);
        }
        if (witnessed.checkpoints().isEmpty()) {
            return unchecked(ExternalStatus.NO_CHECKPOINT, "no external checkpoint: the " + witnessed.answered()
                    + " witnesses that answered hold none of this service's checkpoints yet", witnessed);
        }
        Witnessed.Held newest = witnessed.checkpoints().stream()
                .max(Comparator.comparingLong((Witnessed.Held held) -> held.checkpoint().headSeq())
                        .thenComparing(held -> held.checkpoint().occurredAt()))
                .orElseThrow();
        int compared = witnessed.checkpoints().size();
        String detail = (chain.intact() ? "matches" : "was compared with") + " the " + compared + " checkpoint"
                + (compared == 1 ? "" : "s") + " held by " + witnessed.answered() + " of " + asked
                + " witnesses, the newest signed at " + newest.checkpoint().occurredAt() + " for entry "
                + newest.checkpoint().headSeq() + ignored(witnessed);
        return new External(ExternalStatus.COMPARED, detail, asked, witnessed.answered(), compared,
                newest.checkpoint(), newest.witness());
    }

    private static External unchecked(ExternalStatus status, String detail, Witnessed witnessed) {
        return new External(status, detail + ", so the chain was checked against its own head only"
                + ignored(witnessed), witnessed.asked(), witnessed.answered(), 0, null, null);
    }

    private static String ignored(Witnessed witnessed) {
        return witnessed.rejected() == 0 ? "" : "; " + witnessed.rejected()
                + " checkpoints the witnesses returned were not signed by this service and were ignored";
    }
}
