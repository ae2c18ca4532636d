package kz.aqkol.billing.notify;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.webhook.WebhookTargets;
import org.jboss.logging.Logger;

/**
 * Delivers notices to residents' webhooks: POSTs the JSON, signed with the account's key ({@link WebhookSigner}),
 * retries with growing pauses (up to 10 attempts) when the receiver fails, and records the outcome. Replicas skip
 * notices another replica is delivering.
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    private static final int MAX_ATTEMPTS = 10;

    private final Pool pool;
    private final WebhookTargets targets;
    private final Vertx vertx;
    private final Clock clock;
    private final WebhookMetrics metrics;
    // never follows a redirect, which could lead to a target the checks below would refuse
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookRelay(Pool pool, WebhookTargets targets, Vertx vertx, Clock clock, WebhookMetrics metrics) {
        this.pool = pool;
        this.targets = targets;
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What became of one attempt; {@code refused}: the target was refused before any request. */
    private record Outcome(long id, boolean ok, String error, boolean refused) {

        Outcome(long id, boolean ok, String error) {
            this(id, ok, error, false);
        }
    }

    /** An attempt's outcome as {@link WebhookMetrics} counts it; {@code attempts} is the count before it. */
    private static String metricOutcome(Outcome o, int attempts) {
        if (o.ok()) {
            return "delivered";
        }
        return attempts + 1 >= MAX_ATTEMPTS ? "abandoned" : o.refused() ? "refused" : "failed";
    }

    @Scheduled(every = "${aqkol.billing.webhook-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    Uni<Void> deliver() {
        Instant now = Instant.now(clock);
        List<String> counted = new ArrayList<>();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        select n.id, n.url, n.payload, n.attempts, a.webhook_key from webhook_notice n
                        left join account a on a.number = n.account_number
                        where n.delivered_at is null and n.attempts < $1 and n.next_at <= $2
                        order by n.id limit 50 for update of n skip locked""")
                .execute(Tuple.of(MAX_ATTEMPTS, DbTimes.at(now)))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    Map<Long, Integer> attempts = new HashMap<>();
                    rows.forEach(row -> {
                        due.add(row);
                        attempts.put(row.getLong("id"), row.getInteger("attempts"));
                    });
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndMerge(this::checkAndSend)
                            .collect().asList()
                            .invoke(outcomes -> outcomes.forEach(o -> counted.add(metricOutcome(o, attempts.get(o.id())))))
                            .chain(outcomes -> Multi.createFrom().iterable(outcomes)
                                    .onItem().transformToUniAndConcatenate(o -> connection.preparedQuery("""
                                                    update webhook_notice set attempts = attempts + 1,
                                                      delivered_at = case when $2::boolean then $3::timestamptz else null end,
                                                      next_at = $3::timestamptz + (interval '5 seconds' * power(2, attempts)),
                                                      last_error = $4
                                                    where id = $1""")
                                            .execute(Tuple.of(o.id(), o.ok(), DbTimes.at(Instant.now(clock)),
                                                    o.error())))
                                    .collect().last());
                }))
                .invoke(() -> counted.forEach(metrics::delivery)) // once the outcomes are committed
                .onFailure().invoke(e -> LOG.warnf("webhook delivery paused: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Sends the notice if its target is still one this deployment may call (DNS may have changed since). */
    private Uni<Outcome> checkAndSend(Row row) {
        String url = row.getString("url");
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(url)))
                .chain(refusal -> refusal.isPresent()
                        ? Uni.createFrom().item(
                                new Outcome(row.getLong("id"), false, "target " + refusal.get(), true))
                        : send(row));
    }

    private Uni<Outcome> send(Row row) {
        long id = row.getLong("id");
        String body = row.getString("payload");
        String key = row.getString("webhook_key");
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(row.getString("url")))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                long timestamp = Instant.now(clock).getEpochSecond();
                builder.header(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                        .header(WebhookSigner.SIGNATURE, WebhookSigner.sign(key, timestamp, body));
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Outcome(id, false, "bad url"));
        }
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2 ? new Outcome(id, true, null)
                        : new Outcome(id, false, "HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(e -> new Outcome(id, false, e.getClass().getSimpleName()));
    }
}
