package kz.aqkol.camera.access;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ExportRepository implements PanacheRepositoryBase<EventExport, UUID> {

    /** Exports created before {@code before}, newest first, all or of one status; at most {@code rows}. */
    Uni<List<EventExport>> page(EventExport.Status status, Instant before, int rows) {
        return (status == null
                ? find("createdAt < ?1 order by createdAt desc, id desc", before)
                : find("createdAt < ?1 and status = ?2 order by createdAt desc, id desc", before, status.name()))
                .range(0, rows - 1).list();
    }
}
