package kz.aqkol.platform.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.AuditCheckpoint;

/**
 * A checkpoint as the public sees it: exactly what was signed ({@code occurredAt} is the signing time) and when this
 * service stored it.
 */
@RegisterForReflection
public record CheckpointView(UUID id, Instant occurredAt, String service, long headSeq, String headHash,
                             String signature, Instant receivedAt) {

    static CheckpointView of(CheckpointRecord r) {
        return new CheckpointView(r.id, r.signedAt, r.service, r.headSeq, r.headHash, r.signature, r.receivedAt);
    }

    /** The signed message again, to check its signature. */
    public AuditCheckpoint checkpoint() {
        return new AuditCheckpoint(id, occurredAt, service, headSeq, headHash, signature);
    }
}
