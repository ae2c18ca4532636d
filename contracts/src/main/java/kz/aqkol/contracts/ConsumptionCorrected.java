package kz.aqkol.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * metering-service to billing-service, on {@code aqkol/v1/metering/corrections}: the consumption of a meter over
 * a period changed after it may have been billed (a late reading, an estimate replaced, an operator's edit).
 * Quantities are in the meter's unit after its multiplier.
 */
public record ConsumptionCorrected(UUID id, Instant occurredAt, String meterId, String accountNumber,
                                   Instant periodStart, Instant periodEnd, BigDecimal previousQuantity,
                                   BigDecimal correctedQuantity, MeterUnit unit, String reason)
        implements AqkolMessage {

    public ConsumptionCorrected {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(meterId, "meterId");
        if (accountNumber != null) {
            Check.id(accountNumber, "accountNumber");
        }
        Check.required(periodStart, "periodStart");
        Check.required(periodEnd, "periodEnd");
        if (!periodEnd.isAfter(periodStart)) {
            throw new ContractViolation("periodEnd", "must be after periodStart");
        }
        Check.notNegative(previousQuantity, "previousQuantity");
        Check.notNegative(correctedQuantity, "correctedQuantity");
        Check.required(unit, "unit");
        Check.text(reason, "reason", 500);
    }
}
