package kz.aqkol.platform.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.AuditCheckpoint;

/** A stored checkpoint: one this service signed, or one it witnessed. Written once, never updated. */
@Entity
@Table(name = "audit_checkpoint")
public class CheckpointRecord {

    @Id
    public UUID id;
    public String service;
    public long headSeq;
    public String headHash;
    public Instant signedAt;
    public String signature;
    public Instant receivedAt;

    AuditCheckpoint checkpoint() {
        return new AuditCheckpoint(id, signedAt, service, headSeq, headHash, signature);
    }
}
