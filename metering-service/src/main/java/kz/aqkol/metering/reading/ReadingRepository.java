package kz.aqkol.metering.reading;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    /**
     * What consumption over [from, to) needs: every reading inside, plus the nearest one before {@code from} and
     * the nearest at or after {@code to}, so the period's edges can be interpolated.
     */
    public Uni<List<Reading>> spanning(String meterId, Instant from, Instant to) {
        return find("""
                meterId = ?1 and occurredAt >= coalesce(
                    (select max(r.occurredAt) from Reading r where r.meterId = ?1 and r.occurredAt < ?2), ?2)
                and occurredAt <= coalesce(
                    (select min(r.occurredAt) from Reading r where r.meterId = ?1 and r.occurredAt >= ?3), ?3)
                order by occurredAt""", meterId, from, to).list();
    }
}
