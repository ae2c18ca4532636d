package kz.aqkol.platform.ngsi;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Set;

/**
 * A service's open data of one entity type, served read-only and without authentication at
 * {@code /ngsi-ld/v1/entities} ({@link NgsiLdResource}). Only what may be published goes in: an implementation
 * decides what is public (a camera in a public zone, a zone of enough households …) and never puts a person's name,
 * address, account, meter-to-account link or plate in an entity.
 */
public interface NgsiSource {

    /** The entity type (its short name in the Smart Data Models context), e.g. {@code Device}. */
    String type();

    /** A page of the entities, in a stable order. */
    Uni<List<NgsiEntity>> entities(NgsiQuery query);

    /** One entity by its full id, or null when there is none that may be published; by default a query by id. */
    default Uni<NgsiEntity> entity(String id) {
        return entities(new NgsiQuery(Set.of(id), 0, 1)).map(found -> found.isEmpty() ? null : found.get(0));
    }
}
