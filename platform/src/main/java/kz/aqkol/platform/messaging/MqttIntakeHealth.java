package kz.aqkol.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready to take messages: connected to the broker, every intake's subscription granted. */
@Readiness
@ApplicationScoped
class MqttIntakeHealth implements HealthCheck {

    private final MqttSubscriber subscriber;

    MqttIntakeHealth(MqttSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("MQTT intake").status(subscriber.isReady());
        subscriber.status().forEach(response::withData);
        return response.build();
    }
}
