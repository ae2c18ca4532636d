package kz.aqkol.billing.payment;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.time.DbTimes;

/**
 * The {@code Idempotency-Key} table: a key is claimed by inserting it (its primary key makes a concurrent duplicate
 * wait for the claiming transaction, then find the key taken), completed with the response to replay, or released
 * when the request failed so that a retry runs afresh. Status 0 marks a claim whose request is still under way.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** True if this request now holds the key. */
    static Uni<Boolean> claim(SqlConnection c, String scope, String key, String hash, Instant now) {
        return c.preparedQuery("""
                        insert into idempotency_key (scope, key, request_hash, status, response, created_at)
                        values ($1, $2, $3, 0, '', $4) on conflict do nothing""")
                .execute(Tuple.of(scope, key, hash, DbTimes.at(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The first request's response, to replay; 422 if it was another request, 409 if it is still under way. */
    static Uni<PaymentService.Outcome> replay(SqlConnection c, String scope, String key, String hash) {
        return c.preparedQuery("select request_hash, status, response from idempotency_key"
                        + " where scope = $1 and key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("The request with Idempotency-Key " + key
                                + " has just failed; try again");
                    }
                    Row first = rows.iterator().next();
                    if (!first.getString("request_hash").equals(hash)) {
                        throw ProblemException.unprocessable("Idempotency-Key " + key
                                + " was used with a different request");
                    }
                    if (first.getInteger("status") == 0) {
                        throw ProblemException.conflict("A request with Idempotency-Key " + key
                                + " is under way; try again in a moment");
                    }
                    return new PaymentService.Outcome(first.getInteger("status"), first.getString("response"), true,
                            null);
                });
    }

    static Uni<Void> complete(SqlConnection c, String scope, String key, int status, String body) {
        return c.preparedQuery("update idempotency_key set status = $3, response = $4 where scope = $1 and key = $2")
                .execute(Tuple.of(scope, key, status, body))
                .replaceWithVoid();
    }

    static Uni<Void> release(SqlConnection c, String scope, String key) {
        return c.preparedQuery("delete from idempotency_key where scope = $1 and key = $2 and status = 0")
                .execute(Tuple.of(scope, key))
                .replaceWithVoid();
    }
}
