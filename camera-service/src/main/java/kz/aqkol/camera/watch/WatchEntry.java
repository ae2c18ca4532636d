package kz.aqkol.camera.watch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A plate to watch for, kept only as its keyed hash, under the approved grant (and its case) that justifies watching
 * it. It matches until it expires, is removed, or its grant ends.
 */
@Entity
@Table(name = "watch_entry")
public class WatchEntry {

    @Id
    public UUID id;
    @Column(name = "plate_hash")
    public String plateHash;
    @Column(name = "grant_id")
    public UUID grantId;
    @Column(name = "case_ref")
    public String caseRef;
    public String note;
    @Column(name = "added_by")
    public String addedBy;
    @Column(name = "added_at")
    public Instant addedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "removed_by")
    public String removedBy;
    @Column(name = "removed_at")
    public Instant removedAt;
}
