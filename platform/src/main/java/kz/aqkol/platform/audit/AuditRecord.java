package kz.aqkol.platform.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored link of the audit chain. Written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditRecord {

    @Id
    public long seq;
    public Instant occurredAt;
    public String actor;
    public String role;
    public String action;
    public String objectType;
    public String objectId;
    public String subjectAccount;
    public String purpose;
    public String detail;
    public String prevHash;
    public String hash;

    static AuditRecord of(AuditEntry entry) {
        AuditRecord record = new AuditRecord();
        record.seq = entry.seq();
        record.occurredAt = entry.occurredAt();
        record.actor = entry.actor();
        record.role = entry.role();
        record.action = entry.action();
        record.objectType = entry.objectType();
        record.objectId = entry.objectId();
        record.subjectAccount = entry.subjectAccount();
        record.purpose = entry.purpose();
        record.detail = entry.detail();
        record.prevHash = entry.prevHash();
        record.hash = entry.hash();
        return record;
    }
}
