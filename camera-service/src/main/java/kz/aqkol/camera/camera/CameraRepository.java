package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class CameraRepository implements PanacheRepositoryBase<Camera, String> {

    public Uni<List<Camera>> page(String zone, String after, int rows) {
        return (zone == null ? find("id > ?1 order by id", after == null ? "" : after)
                : find("zoneId = ?1 and id > ?2 order by id", zone, after == null ? "" : after))
                .range(0, rows - 1).list();
    }

    /** Cameras in zones of this privacy class, in id order; only those with the ids given, when any are. */
    public Uni<List<Camera>> inZonesOf(PrivacyClass privacy, Collection<String> ids, int offset, int rows) {
        String zones = "zoneId in (select z.id from Zone z where z.privacyClass = ?1)";
        return (ids.isEmpty() ? find(zones + " order by id", privacy)
                : find(zones + " and id in ?2 order by id", privacy, ids))
                .range(offset, offset + rows - 1).list();
    }
}
