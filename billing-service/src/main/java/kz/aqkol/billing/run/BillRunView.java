package kz.aqkol.billing.run;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.platform.time.DbTimes;

/**
 * A bill run's progress and results: {@code processed} accounts so far by outcome (INVOICED, ALREADY_INVOICED,
 * PENDING, NO_METERS), and the pending ones with the reason; which replica carries (or carried) it, until when its
 * lease holds while RUNNING, and how often another replica took it over.
 */
public record BillRunView(UUID id, String period, String status, String requestedBy, Integer accountsRequested,
                          long processed, Map<String, Long> outcomes, List<Pending> pending, Instant startedAt,
                          Instant finishedAt, String error, String runner, Instant leaseUntil, int takeovers) {

    public record Pending(String account, String reason) {
    }

    /** From the {@code bill_run} row, its items' counts by status, and (some of) its pending items. */
    static BillRunView of(UUID id, Row run, RowSet<Row> counts, RowSet<Row> pending) {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome.name(), 0L);
        }
        counts.forEach(r -> byOutcome.put(r.getString("status"), r.getLong("n")));
        List<Pending> list = new ArrayList<>();
        pending.forEach(r -> list.add(new Pending(r.getString("account_number"), r.getString("detail"))));
        String[] accounts = run.getArrayOfStrings("accounts");
        return new BillRunView(id, run.getString("period"), run.getString("status"), run.getString("requested_by"),
                accounts == null ? null : accounts.length,
                byOutcome.values().stream().mapToLong(Long::longValue).sum(), byOutcome, list,
                DbTimes.instant(run.getOffsetDateTime("started_at")),
                DbTimes.instant(run.getOffsetDateTime("finished_at")),
                run.getString("error"), run.getString("runner"),
                DbTimes.instant(run.getOffsetDateTime("lease_until")), run.getInteger("takeovers"));
    }
}
