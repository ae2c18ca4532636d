package kz.aqkol.billing.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A bill run's progress and results: {@code processed} accounts so far by outcome (INVOICED, ALREADY_INVOICED,
 * PENDING, NO_METERS), and the pending ones with the reason.
 */
public record BillRunView(UUID id, String period, String status, String requestedBy, Integer accountsRequested,
                          long processed, Map<String, Long> outcomes, List<Pending> pending, Instant startedAt,
                          Instant finishedAt, String error) {

    public record Pending(String account, String reason) {
    }
}
