package kz.aqkol.camera.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Codec;
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
    private static final String INSERT = """
            insert into outbox (id, topic, payload, created_at)
            select * from unnest($1::uuid[], $2::text[], $3::bytea[], $4::timestamptz[]) on conflict (id) do nothing""";

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
        return outbox.enqueue(Topics.ALERTS, alert);
    }

    /**
     * Within a transaction of the reactive pool (the ingest path): the same rows {@link Outbox#enqueue} writes, so the
     * platform's relay publishes them, and they commit exactly with the events that caused them.
     */
    public Uni<Void> enqueue(SqlConnection connection, List<AlertRaised> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = alerts.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        io.vertx.core.buffer.Buffer[] payloads = new io.vertx.core.buffer.Buffer[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            ids[i] = alerts.get(i).id();
            topics[i] = Topics.ALERTS;
            payloads[i] = io.vertx.core.buffer.Buffer.buffer(Codec.write(alerts.get(i)));
            created[i] = now;
        }
        return connection.preparedQuery(INSERT).execute(Tuple.of(ids, topics, payloads, created)).replaceWithVoid();
    }
}
