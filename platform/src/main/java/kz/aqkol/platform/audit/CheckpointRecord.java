package kz.aqkol.platform.audit;

import jakarta.persistence.Column;
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
    @Column(name = "head_seq")
    public long headSeq;
    @Column(name = "head_hash")
    public String headHash;
    @Column(name = "signed_at")
    public Instant signedAt;
    public String signature;
    @Column(name = "received_at")
    public Instant receivedAt;

    AuditCheckpoint checkpoint() {
        return new AuditCheckpoint(id, signedAt, service, headSeq, headHash, signature);
    }
}
