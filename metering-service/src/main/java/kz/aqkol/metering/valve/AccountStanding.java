package kz.aqkol.metering.valve;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;

/** An account's standing as billing last announced it. */
@Entity
public class AccountStanding {

    @Id
    public String accountNumber;
    @Enumerated(EnumType.STRING)
    public AccountStatus status;
    public Instant changedAt;
    public UUID messageId;
}
