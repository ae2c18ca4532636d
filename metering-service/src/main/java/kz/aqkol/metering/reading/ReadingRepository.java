package kz.aqkol.metering.reading;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import kz.aqkol.platform.db.TimedId;

@ApplicationScoped
public class ReadingRepository implements PanacheRepositoryBase<Reading, TimedId> {

    /** Readings of a meter in [from, to), oldest first, at most {@code rows}. */
    public Uni<List<Reading>> between(String meterId, Instant from, Instant to, int rows) {
        return find("meterId = ?1 and occurredAt >= ?2 and occurredAt < ?3 order by occurredAt", meterId, from, to)
                .range(0, rows - 1).list();
    }

    /** A reading as consumption needs it: plain values, not an entity the session would keep and dirty-check. */
    @RegisterForReflection // made by the query's "select new"
    public record Value(Instant occurredAt, BigDecimal register, String flags) {
    }

    /**
     * What consumption over [from, to) needs: every reading inside, plus the nearest one before {@code from} and
     * the nearest at or after {@code to}, so the period's edges can be interpolated. Values, not entities: a bill
     * run's query computes hundreds of meters in one session, and every managed reading would be walked again at
     * each flush (the quadratic that made the first real-system bill run take 150 ms a meter). On the session's own
     * connection: a second one from the pool, taken while the session holds one, could wait for ever under load.
     */
    public Uni<List<Value>> spanning(String meterId, Instant from, Instant to) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select new kz.aqkol.metering.reading.ReadingRepository$Value(r.occurredAt, r.register, r.flags)
                        from Reading r
                        where r.meterId = ?1 and r.occurredAt >= coalesce(
                            (select max(p.occurredAt) from Reading p where p.meterId = ?1 and p.occurredAt < ?2), ?2)
                        and r.occurredAt <= coalesce(
                            (select min(n.occurredAt) from Reading n where n.meterId = ?1 and n.occurredAt >= ?3), ?3)
                        order by r.occurredAt""", Value.class)
                .setParameter(1, meterId).setParameter(2, from).setParameter(3, to)
                .getResultList());
    }
}
