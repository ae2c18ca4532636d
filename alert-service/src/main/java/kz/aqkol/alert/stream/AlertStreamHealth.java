package kz.aqkol.alert.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready to stream every replica's alert changes: listening on the database's notification channel. */
@Readiness
@ApplicationScoped
class AlertStreamHealth implements HealthCheck {

    private final AlertChangeListener listener;

    AlertStreamHealth(AlertChangeListener listener) {
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("alert stream").status(listener.listening())
                .withData("channel", AlertChanges.CHANNEL).build();
    }
}
