package kz.aqkol.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.platform.ServiceInfo;

/**
 * The one way a service raises or resolves an alert: an {@link AlertRaised} with this service as its source, on
 * {@code aqkol/v1/alerts/<service>}, written to the outbox in the caller's transaction, so it exists exactly when the
 * change behind it committed. A service keeps only its own subjects and labels.
 */
@ApplicationScoped
public class Alerts {

    private final String source;
    private final Outbox outbox;
    private final Clock clock;

    Alerts(ServiceInfo service, Outbox outbox, Clock clock) {
        this.source = service.name();
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new alert ({@code resolved} false) or the all-clear for one, not yet sent. */
    public AlertRaised of(String type, Severity severity, String subject, String summary, Map<String, String> labels,
                          boolean resolved) {
        return new AlertRaised(UUID.randomUUID(), Instant.now(clock), source, type, severity, subject, summary, labels,
                resolved);
    }

    /** Within the current Hibernate Reactive transaction, in the trace of the current span. */
    public Uni<Void> enqueue(AlertRaised alert) {
        return outbox.enqueue(Topics.alerts(source), alert);
    }

    /** Within the current Hibernate Reactive transaction, in the trace {@code trace} names (none if null). */
    public Uni<Void> enqueue(AlertRaised alert, TraceContext trace) {
        return outbox.enqueue(Topics.alerts(source), alert, trace);
    }

    /** Within a transaction of the reactive pool, on its connection. */
    public Uni<Void> enqueue(SqlConnection connection, List<AlertRaised> alerts) {
        return outbox.enqueue(connection, Topics.alerts(source), alerts);
    }
}
