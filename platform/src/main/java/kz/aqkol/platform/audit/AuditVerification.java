package kz.aqkol.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies the chain against itself and against the checkpoints of it that the other services hold: first asks
 * the witnesses, then streams the chain through a verifier that knows their checkpoints.
 */
@ApplicationScoped
public class AuditVerification {

    private final Witnesses witnesses;
    private final AuditLog log;

    AuditVerification(Witnesses witnesses, AuditLog log) {
        this.witnesses = witnesses;
        this.log = log;
    }

    public Uni<ChainVerdict> verify() {
        return witnesses.ask().chain(witnessed -> {
            AuditChain.Verifier verifier = new AuditChain.Verifier();
            for (Witnessed.Held held : witnessed.checkpoints()) {
                verifier.against(new AuditChain.Checkpoint(held.checkpoint().headSeq(), held.checkpoint().headHash(),
                        "the checkpoint signed at " + held.checkpoint().occurredAt() + " (held by " + held.witness()
                                + ")"));
            }
            return log.verify(verifier).map(chain -> ChainVerdict.of(chain, witnessed));
        });
    }
}
