package kz.aqkol.metering.reading;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ReadingEditRepository implements PanacheRepositoryBase<ReadingEdit, UUID> {

    /** Edits of a meter in [from, to], oldest edit first (so a later edit of the same instant wins). */
    public Uni<List<ReadingEdit>> between(String meterId, Instant from, Instant to) {
        return list("meterId = ?1 and occurredAt >= ?2 and occurredAt <= ?3 order by editedAt", meterId, from, to);
    }
}
