package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ZoneRepository implements PanacheRepositoryBase<Zone, String> {
}
