package kz.aqkol.camera.camera;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import kz.aqkol.camera.event.EventStore;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;

/** The cameras' heartbeats and detections, each acknowledged once its effect is committed. */
@ApplicationScoped
class CameraIngest {

    void start(@Observes StartupEvent event, Intakes intakes, CameraService cameras, EventStore events) {
        intakes.open("camera-status", Topics.CAMERA_STATUS, CameraStatus.class, cameras::heartbeats);
        intakes.open("camera-events", Topics.CAMERA_EVENTS, CameraEvent.class, events);
    }
}
