package kz.aqkol.billing.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.AqkolMessage;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.messaging.Alerts;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.platform.time.DbTimes;

/**
 * What billing tells the world, written in the caller's database transaction so it exists exactly when the change
 * behind it committed: MQTT messages go into the platform's outbox table (its relay publishes them), notices to a
 * resident's own webhook into {@code webhook_notice} ({@link WebhookRelay} delivers them).
 */
@ApplicationScoped
public class Notices {

    private final Clock clock;
    private final Outbox outbox;
    private final Alerts alerts;

    Notices(Clock clock, Outbox outbox, Alerts alerts) {
        this.clock = clock;
        this.outbox = outbox;
        this.alerts = alerts;
    }

    public Uni<Void> publish(SqlConnection connection, String topic, AqkolMessage message) {
        return outbox.enqueue(connection, topic, List.of(message));
    }

    /** An alert about an account (subject {@code account:<number>}), to alert-service. */
    public Uni<Void> alert(SqlConnection connection, String account, String type, Severity severity, String summary,
                           Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("account", account);
        return alerts.enqueue(connection, List.of(alerts.of(type, severity, "account:" + account, summary, all,
                false)));
    }

    /** Tells alert-service the condition has cleared. */
    public Uni<Void> resolve(SqlConnection connection, String account, String type, Severity severity,
                             String summary) {
        return alerts.enqueue(connection, List.of(alerts.of(type, severity, "account:" + account, summary,
                Map.of("account", account), true)));
    }

    public Uni<Void> statusChanged(SqlConnection connection, String account, AccountStatus status,
                                   AccountStatus previous, String reason) {
        return publish(connection, Topics.ACCOUNT_STATUS, new AccountStatusChanged(UUID.randomUUID(),
                Instant.now(clock), account, status, previous, reason));
    }

    /** A notice to the resident's webhook, if they set one; signed with the account's key when it is sent. */
    public Uni<Void> webhook(SqlConnection connection, String url, String type, String account, String summary,
                             Map<String, Object> data) {
        if (url == null || url.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", UUID.randomUUID().toString());
        payload.put("occurredAt", Instant.now(clock).toString());
        payload.put("type", type);
        payload.put("account", account);
        payload.put("summary", summary);
        payload.put("data", data);
        Instant now = Instant.now(clock);
        return connection.preparedQuery("insert into webhook_notice (url, payload, created_at, next_at, account_number)"
                        + " values ($1, $2, $3, $3, $4)")
                .execute(Tuple.of(url, io.vertx.core.json.Json.encode(payload), DbTimes.at(now), account))
                .replaceWithVoid();
    }
}
