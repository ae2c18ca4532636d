package kz.aqkol.metering.meter;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.ValveState;

/** A meter in the registry. Active from {@code installedAt} until {@code decommissionedAt} (exclusive). */
@Entity
public class Meter {

    @Id
    public String id;
    @Enumerated(EnumType.STRING)
    public Utility utility;
    @Enumerated(EnumType.STRING)
    public MeterUnit unit;
    public int registerDigits;
    public BigDecimal multiplier;
    public boolean hasValve;
    public String zone;
    public String accountNumber;
    public Instant installedAt;
    public Instant decommissionedAt;
    /** The meter this one replaced, if any. */
    public String replaces;
    /** The valve position the meter last reported. */
    @Enumerated(EnumType.STRING)
    public ValveState valve;
    public Instant createdAt;
    /** Rises with every change of the meter's account history ({@link MeterAssignments}). */
    public long assignmentVersion;

    public boolean isActiveAt(Instant at) {
        return !at.isBefore(installedAt) && (decommissionedAt == null || at.isBefore(decommissionedAt));
    }

    /** Where the register wraps to zero: 10^digits. */
    public BigDecimal wrap() {
        return BigDecimal.TEN.pow(registerDigits);
    }
}
