package kz.aqkol.alert.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.contracts.Severity;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * The live stream across replicas: what reaches it is what committed, whichever session committed it, and a
 * replica's own change reaches it once, through the same notices as everyone else's.
 */
@QuarkusTest
class AlertStreamIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/alerts/stream")
    URL stream;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void aChangeAnotherReplicaCommittedReachesTheStreamAndOneItRolledBackDoesNot() {
        streaming(lines -> {
            AlertView aborted = view("meter:" + UUID.randomUUID());
            AlertView committed = view("meter:" + UUID.randomUUID());
            // another replica: its own connection, its own transactions, the notices it writes
            pool.withConnection(c -> c.begin().chain(tx -> announce(c, aborted).chain(tx::rollback)))
                    .await().atMost(PATIENCE);
            pool.withTransaction(c -> announce(c, committed)).await().atMost(PATIENCE);

            await().atMost(PATIENCE).until(() -> seen(lines, committed.id()) == 1);
            // notices arrive in commit order: the rolled-back one would have come before
            assertThat(seen(lines, aborted.id())).isZero();
        });
    }

    @Test
    void thisReplicasOwnChangesReachItsStreamOnceEach() {
        streaming(lines -> {
            String id = raise("meter:" + UUID.randomUUID(), "\"zone\":\"north\"").getString("[0].id");
            given().auth().oauth2(operator()).contentType("application/json").body("{\"comment\":\"on it\"}")
                    .when().post("/alerts/" + id + "/acknowledge").then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"));

            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.contains(id)
                    && l.contains("\"ACKNOWLEDGED\"")));
            // the raise and the acknowledgement, each once: a later change has arrived after both
            String later = raise("meter:" + UUID.randomUUID(), "").getString("[0].id");
            await().atMost(PATIENCE).until(() -> seen(lines, UUID.fromString(later)) == 1);
            assertThat(seen(lines, UUID.fromString(id))).isEqualTo(2);
        });
    }

    @Test
    void anAlertTooLongForANoticeIsLoadedAndStreamed() {
        streaming(lines -> {
            // 32 labels of 256 two-byte characters: about 16 KB as JSON, twice what a notice may carry
            String labels = IntStream.range(0, 32).mapToObj(i -> "\"l" + i + "\":\"" + "ж".repeat(256) + "\"")
                    .collect(Collectors.joining(","));
            String id = raise("meter:" + UUID.randomUUID(), labels).getString("[0].id");

            await().atMost(PATIENCE).until(() -> seen(lines, UUID.fromString(id)) == 1);
            assertThat(lines.stream().filter(l -> l.contains(id)).findFirst().orElseThrow()).contains("ж".repeat(256));
        });
    }

    /** Runs {@code test} with an operator's stream open and connected, collecting its lines. */
    private void streaming(Consumer<Queue<String>> test) {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        CompletableFuture<?> client = listen(lines);
        try {
            connected(lines);
            test.accept(lines);
        } finally {
            client.cancel(true);
        }
    }

    /** Readiness says the replica listens; then probes are committed until one reaches this client's stream. */
    private void connected(Queue<String> lines) {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'alert stream' }.status", equalTo("UP"));
        Set<UUID> probes = ConcurrentHashMap.newKeySet();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (probes.stream().anyMatch(probe -> seen(lines, probe) > 0)) {
                return true;
            }
            AlertView probe = view("probe:" + UUID.randomUUID());
            probes.add(probe.id());
            pool.withTransaction(c -> announce(c, probe)).await().atMost(PATIENCE);
            return false;
        });
    }

    private Uni<Void> announce(SqlConnection c, AlertView view) {
        List<String> notices = ChangeNotices.write(json, List.of(view), ChangeNotices.MAX_BYTES);
        return c.preparedQuery("select pg_notify($1, $2)").executeBatch(notices.stream()
                .map(n -> Tuple.of(AlertChanges.CHANNEL, n)).toList()).replaceWithVoid();
    }

    private static long seen(Queue<String> lines, UUID id) {
        return lines.stream().filter(l -> l.startsWith("data:") && l.contains(id.toString())).count();
    }

    private static JsonPath raise(String subject, String labels) {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"source\":"
                + "\"person.op-stream\",\"type\":\"LEAK\",\"severity\":\"MINOR\",\"subject\":\"" + subject
                + "\",\"summary\":\"stream test\",\"labels\":{" + labels + "},\"resolved\":false}";
        return given().auth().oauth2(operator()).contentType("application/json").body(body)
                .when().post("/alerts").then().statusCode(200).extract().jsonPath();
    }

    private static String operator() {
        return TestStack.token(Roles.OPERATOR, "op-stream");
    }

    private static AlertView view(String subject) {
        Instant now = Instant.now();
        return new AlertView(UUID.randomUUID(), "fp-" + subject, "metering-service", "LEAK", subject,
                Severity.MINOR, Alert.Status.OPEN, "from another replica", Map.of(), 1, now, now, null, null, null,
                null, "root", 0);
    }

    private CompletableFuture<?> listen(Queue<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + operator()).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
    }
}
