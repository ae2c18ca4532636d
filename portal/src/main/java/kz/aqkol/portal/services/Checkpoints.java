package kz.aqkol.portal.services;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A service's answer to {@code GET /audit/checkpoints}: its newest signed checkpoints (public). */
@RegisterForReflection
public record Checkpoints(String service, List<Checkpoint> signed) {

    @RegisterForReflection
    public record Checkpoint(String service, long headSeq, String headHash, Instant occurredAt, String signature) {
    }

    /** The newest checkpoint, or null before the first. */
    public Checkpoint newest() {
        return signed == null || signed.isEmpty() ? null : signed.get(0);
    }
}
