package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.platform.ngsi.NgsiEntity;
import kz.aqkol.platform.ngsi.NgsiQuery;
import kz.aqkol.platform.ngsi.NgsiSource;

/**
 * Cameras in PUBLIC zones as Smart Data Models {@code Device} entities: where they stand and whether they work.
 * Nothing else: no name or free-text location (an operator may have written a house into either), no stream, no
 * events or plates. A camera in a residential or restricted zone is not published at all.
 */
@ApplicationScoped
public class CameraOpenData implements NgsiSource {

    static final String TYPE = "Device";

    private final CameraRepository cameras;

    CameraOpenData(CameraRepository cameras) {
        this.cameras = cameras;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    @WithSession
    public Uni<List<NgsiEntity>> entities(NgsiQuery query) {
        if (query.asksOnlyOtherTypes(TYPE)) {
            return Uni.createFrom().item(List.of());
        }
        return cameras.inZonesOf(PrivacyClass.PUBLIC, query.localIds(TYPE), query.offset(), query.rows())
                .map(found -> found.stream().map(CameraOpenData::entity).toList());
    }

    static NgsiEntity entity(Camera camera) {
        List<String> properties = new ArrayList<>(List.of("motion", "smoke"));
        if ("ANPR".equalsIgnoreCase(camera.kind)) {
            properties.add("trafficFlow");
        }
        NgsiEntity entity = NgsiEntity.of(TYPE, camera.id)
                .property("category", List.of("sensor", "multimedia"))
                .property("controlledProperty", properties)
                .property("deviceState", CameraView.status(camera))
                .property("dateLastValueReported", camera.lastSeen == null ? null : camera.lastSeen.toString());
        if (camera.latitude != null && camera.longitude != null) {
            entity.point("location", camera.longitude, camera.latitude);
        }
        return entity;
    }
}
