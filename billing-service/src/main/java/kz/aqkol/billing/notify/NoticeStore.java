package kz.aqkol.billing.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.webhook.Claimed;
import kz.aqkol.platform.webhook.Outcome;
import kz.aqkol.platform.webhook.Verdict;
import kz.aqkol.platform.webhook.Webhook;
import kz.aqkol.platform.webhook.WebhookStore;

/**
 * The notices to residents' webhooks ({@code webhook_notice}), as the platform's webhook delivery claims and settles
 * them: each one signed with its account's current key (unsigned if it has none: notices written before signing).
 */
@ApplicationScoped
class NoticeStore implements WebhookStore<Long> {

    /** Due notices, their next attempt moved to the lease's end. */
    private static final String CLAIM = """
            update webhook_notice n set next_at = $2
            where n.id in (select id from webhook_notice where delivered_at is null and gave_up_at is null
                             and next_at <= $1 order by next_at, id limit $3 for update skip locked)
            returning n.id, n.url, n.payload, n.created_at, n.attempts, n.account_number,
                      (select a.webhook_key from account a where a.number = n.account_number) as webhook_key""";

    /** One attempt's outcome; the next attempt stays at the lease's end once delivered or given up. */
    private static final String RECORD = """
            update webhook_notice set attempts = $2, delivered_at = $3, gave_up_at = $4,
              next_at = coalesce($5, next_at), last_error = $6
            where id = $1""";

    private final Pool pool;

    NoticeStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<Claimed<Long>>> claim(Instant now, Instant leasedUntil, int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                        .execute(Tuple.of(DbTimes.at(now), DbTimes.at(leasedUntil), limit)))
                .map(rows -> {
                    List<Claimed<Long>> claimed = new ArrayList<>();
                    rows.forEach(row -> claimed.add(claimed(row)));
                    return claimed;
                });
    }

    private static Claimed<Long> claimed(Row row) {
        String account = Objects.requireNonNullElse(row.getString("account_number"), "?");
        return new Claimed<>(row.getLong("id"), DbTimes.instant(row.getValue("created_at")),
                row.getInteger("attempts"), "account " + account,
                new Webhook(row.getString("url"), row.getString("payload"), row.getString("webhook_key"), Map.of()));
    }

    @Override
    public Uni<Void> record(List<Outcome<Long>> outcomes, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery(RECORD)
                        .executeBatch(outcomes.stream().map(o -> tuple(o, now)).toList()))
                .replaceWithVoid();
    }

    private static Tuple tuple(Outcome<Long> outcome, Instant now) {
        Verdict verdict = outcome.verdict();
        return Tuple.from(Arrays.asList(outcome.id(), outcome.attempts(),
                DbTimes.at(verdict.state() == Verdict.State.DELIVERED ? now : null),
                DbTimes.at(verdict.state() == Verdict.State.GAVE_UP ? now : null),
                DbTimes.at(verdict.retryAt()),
                outcome.attempt().delivered() ? null : outcome.attempt().describe()));
    }
}
