package kz.aqkol.platform.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether a scheduled pass has anything to do, asked before it opens a session or a transaction. Quarkus' scheduler
 * checks its triggers on whole seconds, so every service's one-second passes start at the same instant; most find
 * nothing, and a session, a transaction, a {@link PassLock} and a query each, for nothing, on a two-core node showed
 * in the requests being served at that moment (most of {@code GET /me/invoices}' p99, docs/benchmarks.md). One
 * {@code exists} on the pool, over the partial index the pass reads anyway, is the whole cost of an idle pass.
 */
public final class Waiting {

    private Waiting() {
    }

    /** Whether {@code rows} (a select; {@code $1}, {@code $2} ... are {@code parameters}) finds any row. */
    public static Uni<Boolean> any(Pool pool, String rows, Object... parameters) {
        return pool.preparedQuery("select exists (" + rows + ") as waiting").execute(Tuple.from(parameters))
                .map(found -> found.iterator().next().getBoolean("waiting"));
    }
}
