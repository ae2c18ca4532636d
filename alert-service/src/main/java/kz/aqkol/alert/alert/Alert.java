package kz.aqkol.alert.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.Severity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A condition some system reported: open until resolved, counting how often it was reported meanwhile. */
@Entity
@Table(name = "alert")
public class Alert {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    @Id
    public UUID id;
    public String fingerprint;
    public String source;
    public String type;
    public String subject;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String summary;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;
    public long occurrences;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Version
    public long version;
}
