package kz.aqkol.metering.meter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.ValveState;

/** A meter in the registry. Active from {@code installedAt} until {@code decommissionedAt} (exclusive). */
@Entity
@Table(name = "meter")
public class Meter {

    @Id
    public String id;
    @Enumerated(EnumType.STRING)
    public Utility utility;
    @Enumerated(EnumType.STRING)
    public MeterUnit unit;
    @Column(name = "register_digits")
    public int registerDigits;
    public BigDecimal multiplier;
    @Column(name = "has_valve")
    public boolean hasValve;
    public String zone;
    @Column(name = "account_number")
    public String accountNumber;
    @Column(name = "installed_at")
    public Instant installedAt;
    @Column(name = "decommissioned_at")
    public Instant decommissionedAt;
    /** The meter this one replaced, if any. */
    public String replaces;
    /** The valve position the meter last reported. */
    @Enumerated(EnumType.STRING)
    public ValveState valve;
    @Column(name = "created_at")
    public Instant createdAt;

    public boolean isActiveAt(Instant at) {
        return !at.isBefore(installedAt) && (decommissionedAt == null || at.isBefore(decommissionedAt));
    }

    /** Where the register wraps to zero: 10^digits. */
    public BigDecimal wrap() {
        return BigDecimal.TEN.pow(registerDigits);
    }
}
