package kz.aqkol.metering.valve;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveState;

/** A command sent to a meter's valve, and what became of it. */
@Entity
@Table(name = "valve_command")
public class ValveCommandRecord {

    public enum Status { PENDING, DONE, FAILED, TIMED_OUT }

    @Id
    public UUID id;
    public String meterId;
    @Enumerated(EnumType.STRING)
    public ValveAction action;
    public String reason;
    public String requestedBy;
    public Instant requestedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant answeredAt;
    @Enumerated(EnumType.STRING)
    public ValveState valve;
    /** The account-status message that caused this command, if billing did. */
    public UUID causeId;
}
