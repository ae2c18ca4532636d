package kz.aqkol.metering.reading;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An operator's correction of a meter's register at an instant. The raw reading there stays as it was. */
@Entity
@Table(name = "reading_edit")
public class ReadingEdit {

    @Id
    public UUID id;
    @Column(name = "meter_id")
    public String meterId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public BigDecimal register;
    public String reason;
    @Column(name = "edited_by")
    public String editedBy;
    @Column(name = "edited_at")
    public Instant editedAt;
}
