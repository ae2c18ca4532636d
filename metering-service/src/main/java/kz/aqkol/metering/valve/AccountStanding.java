package kz.aqkol.metering.valve;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;

/** An account's standing as billing last announced it. */
@Entity
@Table(name = "account_standing")
public class AccountStanding {

    @Id
    @Column(name = "account_number")
    public String accountNumber;
    @Enumerated(EnumType.STRING)
    public AccountStatus status;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "message_id")
    public UUID messageId;
}
