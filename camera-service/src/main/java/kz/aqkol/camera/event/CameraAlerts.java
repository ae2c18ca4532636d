package kz.aqkol.camera.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Outbox;

/**
 * The alerts camera-service raises. The subject is stable per condition ({@code camera:<id>} for a camera's state
 * and detections, {@code watchlist:<entry>} for a watched plate), so alert-service deduplicates repeats and pairs a
 * resolve with its alert. No alert carries a plate, a plate hash or a snapshot reference.
 */
@ApplicationScoped
public class CameraAlerts {

    public static final String SOURCE = "camera-service";

    private final Outbox outbox;
    private final Clock clock;

    CameraAlerts(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public AlertRaised alert(String type, Severity severity, String subject, String summary,
                             Map<String, String> labels, boolean resolved) {
        return new AlertRaised(UUID.randomUUID(), Instant.now(clock), SOURCE, type, severity, subject, summary,
                labels, resolved);
    }

    public static Map<String, String> labels(String camera, String zone, String audience) {
        Map<String, String> labels = new HashMap<>();
        labels.put("camera", camera);
        if (zone != null) {
            labels.put("zone", zone);
        }
        if (audience != null) {
            labels.put("audience", audience);
        }
        return labels;
    }

    /** Within the current Hibernate Reactive transaction. */
    public Uni<Void> enqueue(AlertRaised alert) {
        return outbox.enqueue(Topics.alerts(SOURCE), alert);
    }

    /** Within a transaction of the reactive pool (the ingest path), through the same outbox. */
    public Uni<Void> enqueue(SqlConnection connection, List<AlertRaised> alerts) {
        return outbox.enqueue(connection, Topics.alerts(SOURCE), alerts);
    }
}
