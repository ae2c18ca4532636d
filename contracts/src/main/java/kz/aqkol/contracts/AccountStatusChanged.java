package kz.aqkol.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * billing-service to metering-service (and anyone listening), on {@code aqkol/v1/billing/account-status}: an
 * account's standing changed. metering-service closes the valves of a BLOCKED account's meters and reopens them on
 * any other status.
 */
public record AccountStatusChanged(UUID id, Instant occurredAt, String accountNumber, AccountStatus status,
                                   AccountStatus previousStatus, String reason) implements AqkolMessage {

    public AccountStatusChanged {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(accountNumber, "accountNumber");
        Check.required(status, "status");
        Check.text(reason, "reason", 500);
    }
}
