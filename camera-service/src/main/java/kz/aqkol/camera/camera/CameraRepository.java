package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class CameraRepository implements PanacheRepositoryBase<Camera, String> {

    public Uni<List<Camera>> page(String zone, String after, int rows) {
        return (zone == null ? find("id > ?1 order by id", after == null ? "" : after)
                : find("zoneId = ?1 and id > ?2 order by id", zone, after == null ? "" : after))
                .range(0, rows - 1).list();
    }
}
