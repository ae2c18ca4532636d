package kz.aqkol.camera.event;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.camera.camera.Camera;
import kz.aqkol.camera.camera.CameraRepository;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores detections once each (by message id), in the camera's registered zone, with plates pseudonymised before
 * anything is written or logged.
 */
@ApplicationScoped
public class EventService {

    private final CameraRepository cameras;
    private final PlateHasher plates;
    private final Clock clock;

    EventService(CameraRepository cameras, @ConfigProperty(name = "aqkol.camera.plate-key") String plateKey,
                 Clock clock) {
        this.cameras = cameras;
        this.plates = new PlateHasher(plateKey);
        this.clock = clock;
    }

    @WithTransaction
    public Uni<List<Refusal>> store(List<Inbound<CameraEvent>> batch) {
        List<Refusal> refused = new ArrayList<>();
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> cameras.findById(inbound.deviceId())
                        .chain(camera -> {
                            if (camera == null) {
                                refused.add(Refusal.of(inbound, null, "unknown camera " + inbound.deviceId()));
                                return Uni.createFrom().voidItem();
                            }
                            return insert(camera, inbound.message());
                        }))
                .collect().last()
                .map(done -> refused);
    }

    private Uni<Void> insert(Camera camera, CameraEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id, plate_hash,
                                                     snapshot_ref, received_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (id) do nothing""")
                .setParameter(1, event.id())
                .setParameter(2, camera.id)
                .setParameter(3, event.occurredAt())
                .setParameter(4, event.type().name())
                .setParameter(5, BigDecimal.valueOf(event.confidence()))
                .setParameter(6, camera.zoneId)
                .setParameter(7, event.plate() == null ? null : plates.hash(event.plate()))
                .setParameter(8, event.snapshotRef())
                .setParameter(9, Instant.now(clock))
                .executeUpdate())
                .replaceWithVoid();
    }
}
