package kz.aqkol.camera.access;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<AccessGrant, UUID> {
}
