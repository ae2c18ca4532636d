package kz.aqkol.platform.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs a scheduled pass on one replica at a time. The pass's transaction first tries a transaction-scoped advisory
 * lock named after the pass ({@code pg_try_advisory_xact_lock}); a replica that does not get it skips its turn,
 * since another is doing the work right now. The lock ends with the transaction, committed or not, so a replica that
 * dies mid-pass (its connection closes) holds nothing and the next turn, on any replica, does the work again.
 *
 * <p>Keys are the two-integer kind, {@link #NAMESPACE} and the pass name's {@code hashtext}: PostgreSQL keeps them
 * apart from the one-bigint keys services take on their own rows (alert fingerprints, tariffs).
 */
public final class PassLock {

    /** "AQKL": the first half of every pass's key. */
    static final int NAMESPACE = 0x41514B4C;

    private PassLock() {
    }

    /** Whether this replica runs the pass now, asked inside the session's transaction. */
    public static Uni<Boolean> tryTake(Mutiny.Session session, String pass) {
        return session.createNativeQuery("select pg_try_advisory_xact_lock(" + NAMESPACE + ", hashtext(?1))",
                        Boolean.class)
                .setParameter(1, pass)
                .getSingleResult();
    }

    /** Whether this replica runs the pass now, asked inside the connection's transaction. */
    public static Uni<Boolean> tryTake(SqlConnection connection, String pass) {
        return connection.preparedQuery("select pg_try_advisory_xact_lock(" + NAMESPACE + ", hashtext($1)) as taken")
                .execute(Tuple.of(pass))
                .map(rows -> rows.iterator().next().getBoolean("taken"));
    }

    /** {@code work} if this replica gets the pass, else {@code skipped}, in the session's transaction. */
    public static <T> Uni<T> ifTaken(Mutiny.Session session, String pass, Supplier<Uni<T>> work, T skipped) {
        return tryTake(session, pass).chain(taken -> taken ? work.get() : Uni.createFrom().item(skipped));
    }

    /** {@code work} if this replica gets the pass, else {@code skipped}, in the connection's transaction. */
    public static <T> Uni<T> ifTaken(SqlConnection connection, String pass, Supplier<Uni<T>> work, T skipped) {
        return tryTake(connection, pass).chain(taken -> taken ? work.get() : Uni.createFrom().item(skipped));
    }
}
