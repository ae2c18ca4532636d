package kz.aqkol.metering.consumption;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The gas calorific value in force from a day on (MJ per m3). Versions are added, never changed. */
@Entity
@Table(name = "calorific_value")
public class CalorificValue {

    @Id
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "mj_per_m3")
    public BigDecimal mjPerM3;
    public String reason;
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;
}
