package kz.aqkol.metering.consumption;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The gas calorific value in force from a day on (MJ per m3). Versions are added, never changed. */
@Entity
public class CalorificValue {

    @Id
    public LocalDate effectiveFrom;
    public BigDecimal mjPerM3;
    public String reason;
    public String setBy;
    public Instant setAt;
}
