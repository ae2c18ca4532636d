package kz.aqkol.metering.reading;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An operator's correction of a meter's register at an instant. The raw reading there stays as it was. */
@Entity
public class ReadingEdit {

    @Id
    public UUID id;
    public String meterId;
    public Instant occurredAt;
    public BigDecimal register;
    public String reason;
    /** The register was reset to zero before this value: consumption counts from zero here. */
    public boolean registerReset;
    public String editedBy;
    public Instant editedAt;
}
