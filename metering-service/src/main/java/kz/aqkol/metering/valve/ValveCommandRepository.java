package kz.aqkol.metering.valve;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ValveCommandRepository implements PanacheRepositoryBase<ValveCommandRecord, UUID> {

    public Uni<List<ValveCommandRecord>> ofMeter(String meterId, int rows) {
        return find("meterId = ?1 order by requestedAt desc", meterId).range(0, rows - 1).list();
    }

    public Uni<List<ValveCommandRecord>> pendingSince(Instant before) {
        return list("status = ?1 and requestedAt < ?2", ValveCommandRecord.Status.PENDING, before);
    }
}
