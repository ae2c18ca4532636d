package kz.aqkol.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * metering-service to billing-service, on {@code aqkol/v1/metering/meter-assignments}: which account a meter belongs
 * to, as its whole history, after every change (registered, assigned, moved, unassigned, replaced, decommissioned).
 * metering-service owns the relationship; a consumer keeps the history of the highest {@code version} it has seen
 * and ignores lower ones, so a duplicate or a late message does no harm.
 */
public record MeterAssignmentChanged(UUID id, Instant occurredAt, String meterId, Long version,
                                     List<Assignment> assignments, String reason) implements AqkolMessage {

    /** The meter belonged to {@code accountNumber} over [from, to); {@code to} null: still does. */
    public record Assignment(String accountNumber, Instant from, Instant to) {

        public Assignment {
            Check.id(accountNumber, "accountNumber");
            Check.required(from, "from");
            if (to != null && !to.isAfter(from)) {
                throw new ContractViolation("to", "must be after from");
            }
        }

        public boolean covers(Instant at) {
            return !at.isBefore(from) && (to == null || at.isBefore(to));
        }
    }

    public MeterAssignmentChanged {
        Check.required(id, "id");
        Check.required(occurredAt, "occurredAt");
        Check.id(meterId, "meterId");
        Check.required(version, "version");
        if (version < 1) {
            throw new ContractViolation("version", "must be at least 1");
        }
        Check.required(assignments, "assignments");
        if (assignments.size() > 1000) {
            throw new ContractViolation("assignments", "must have at most 1000 items");
        }
        for (int i = 1; i < assignments.size(); i++) {
            Assignment before = assignments.get(i - 1);
            if (before == null || assignments.get(i) == null) {
                throw new ContractViolation("assignments", "must not hold null");
            }
            if (before.to() == null || before.to().isAfter(assignments.get(i).from())) {
                throw new ContractViolation("assignments", "must be in time order without overlaps");
            }
        }
        assignments = List.copyOf(assignments);
        Check.text(reason, "reason", 500);
    }
}
