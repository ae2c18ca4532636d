package kz.aqkol.camera.watch;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * A plate to watch for, kept only as its keyed hash, under the approved grant (and its case) that justifies watching
 * it. It matches until it expires, is removed, or its grant ends.
 */
@Entity
public class WatchEntry {

    @Id
    public UUID id;
    public String plateHash;
    public UUID grantId;
    public String caseRef;
    public String note;
    public String addedBy;
    public Instant addedAt;
    public Instant expiresAt;
    public String removedBy;
    public Instant removedAt;
}
