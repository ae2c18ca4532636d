package kz.aqkol.billing.notify;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.billing.ledger.Db;
import kz.aqkol.platform.jobs.UnlessStopping;
import org.jboss.logging.Logger;

/**
 * Delivers notices to residents' webhooks: POSTs the JSON, retries with growing pauses (up to 10 attempts) when the
 * receiver fails, and records the outcome. Replicas skip notices another replica is delivering.
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    private static final int MAX_ATTEMPTS = 10;

    private final Pool pool;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    WebhookRelay(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    private record Outcome(long id, boolean ok, String error) {
    }

    @Scheduled(every = "${aqkol.billing.webhook-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = UnlessStopping.class)
    Uni<Void> deliver() {
        Instant now = Instant.now(clock);
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        select id, url, payload, attempts from webhook_notice
                        where delivered_at is null and attempts < $1 and next_at <= $2
                        order by id limit 50 for update skip locked""")
                .execute(Tuple.of(MAX_ATTEMPTS, Db.at(now)))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndMerge(this::send)
                            .collect().asList()
                            .chain(outcomes -> Multi.createFrom().iterable(outcomes)
                                    .onItem().transformToUniAndConcatenate(o -> connection.preparedQuery("""
                                                    update webhook_notice set attempts = attempts + 1,
                                                      delivered_at = case when $2::boolean then $3::timestamptz else null end,
                                                      next_at = $3::timestamptz + (interval '5 seconds' * power(2, attempts)),
                                                      last_error = $4
                                                    where id = $1""")
                                            .execute(Tuple.of(o.id(), o.ok(), Db.at(Instant.now(clock)),
                                                    o.error())))
                                    .collect().last());
                }))
                .onFailure().invoke(e -> LOG.warnf("webhook delivery paused: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Outcome> send(Row row) {
        long id = row.getLong("id");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(row.getString("url")))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(row.getString("payload"))).build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Outcome(id, false, "bad url"));
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2 ? new Outcome(id, true, null)
                        : new Outcome(id, false, "HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(e -> new Outcome(id, false, e.getClass().getSimpleName()));
    }
}
