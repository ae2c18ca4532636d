package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.camera.event.CameraAlerts;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.messaging.Alerts;
import org.jboss.logging.Logger;

/**
 * Watches the heartbeats: a camera silent for longer than {@code aqkol.camera.offline-after} (or whose last heartbeat
 * said offline) raises OFFLINE once; when it speaks again the alert is resolved once. The subject is
 * {@code camera:<id>}, so alert-service pairs the two. One replica runs it at a time.
 */
@ApplicationScoped
public class OfflineWatch {

    private static final Logger LOG = Logger.getLogger(OfflineWatch.class);

    private final CameraRepository cameras;
    private final Alerts alerts;
    private final CameraConfig config;
    private final Clock clock;

    OfflineWatch(CameraRepository cameras, Alerts alerts, CameraConfig config, Clock clock) {
        this.cameras = cameras;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${aqkol.camera.offline-check-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> scheduled() {
        return check();
    }

    @WithTransaction
    public Uni<Void> check() {
        Instant silentSince = Instant.now(clock).minus(config.offlineAfter());
        return Panache.getSession().chain(session -> PassLock.tryTake(session, "camera-offline-watch")
                .chain(locked -> !locked ? Uni.createFrom().voidItem()
                        : cameras.find("""
                                (offlineAlerted = false and (online = false or coalesce(lastSeen, createdAt) < ?1))
                                or (offlineAlerted = true and (online is null or online = true)
                                    and coalesce(lastSeen, createdAt) >= ?1)""",
                                silentSince).list()
                        .chain(changed -> Multi.createFrom().iterable(changed)
                                .onItem().transformToUniAndConcatenate(camera -> flip(camera))
                                .collect().last())
                        .replaceWithVoid()));
    }

    private Uni<Void> flip(Camera camera) {
        camera.offlineAlerted = !camera.offlineAlerted;
        LOG.infof("Camera %s %s", camera.id, camera.offlineAlerted ? "is offline" : "is back online");
        return alerts.enqueue(alerts.of("OFFLINE", Severity.MAJOR, "camera:" + camera.id,
                camera.offlineAlerted ? "Camera " + camera.id + " is offline (no heartbeat since "
                        + (camera.lastSeen == null ? "registration" : camera.lastSeen) + ")"
                        : "Camera " + camera.id + " is back online",
                CameraAlerts.labels(camera.id, camera.zoneId, null), !camera.offlineAlerted));
    }
}
