package kz.aqkol.camera.camera;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.camera.event.EventService;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.MqttIntake;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The cameras' heartbeats and detections, each acknowledged once its effect is committed. */
@ApplicationScoped
class CameraIngest {

    private final MqttIntake<CameraStatus> heartbeats;
    private final MqttIntake<CameraEvent> detections;

    CameraIngest(Intakes intakes, CameraService cameras, EventService events) {
        this.heartbeats = intakes.open("camera-status", Topics.CAMERA_STATUS, CameraStatus.class, cameras::heartbeats);
        this.detections = intakes.open("camera-events", Topics.CAMERA_EVENTS, CameraEvent.class, events::store);
    }

    @Incoming("camera-status")
    Uni<Void> heartbeat(Message<byte[]> message) {
        return heartbeats.accept(message);
    }

    @Incoming("camera-events")
    Uni<Void> detection(Message<byte[]> message) {
        return detections.accept(message);
    }
}
