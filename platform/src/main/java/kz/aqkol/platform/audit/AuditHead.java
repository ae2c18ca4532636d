package kz.aqkol.platform.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** The chain's single head row: the last entry's number and hash. Locked by every append. */
@Entity
public class AuditHead {

    static final short ID = 1;

    @Id
    public short id;
    public long seq;
    public String hash;
}
