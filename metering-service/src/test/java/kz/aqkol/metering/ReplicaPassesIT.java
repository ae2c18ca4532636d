package kz.aqkol.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.OnVertx;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.metering.valve.ValveService;
import kz.aqkol.platform.messaging.Outbox;
import org.junit.jupiter.api.Test;

/** Scheduled passes as two replicas run them: side by side, each effect once. */
@QuarkusTest
class ReplicaPassesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ValveService valves;

    @Inject
    Outbox outbox;

    @Test
    void valveCommandsTimedOutByTwoReplicasAtOnceTimeOutOnceEachWithOneAlertEach() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        for (int i = 0; i < 2; i++) {
            pool.preparedQuery("insert into valve_command (id, meter_id, action, reason, requested_by, requested_at,"
                            + " status) values ($1, $2, 'CLOSE_VALVE', 'test', 'op-test', now() - interval '1 day',"
                            + " 'PENDING')")
                    .execute(Tuple.of(UUID.randomUUID(), meter)).await().atMost(PATIENCE);
        }
        Instant deadline = Instant.now().minus(Duration.ofHours(1));

        List<Integer> timedOut = atOnce(() -> valves.timeOut(deadline), () -> valves.timeOut(deadline));

        // one pass at a time: the other found the pass taken (-1) or nothing left
        assertThat(timedOut.stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(2);
        assertThat(query("select status from valve_command where meter_id = $1", meter))
                .extracting(r -> r.getString("status")).containsExactly("TIMED_OUT", "TIMED_OUT");
        // the scheduled pass may have done it first: either way, one alert per command
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(query("select count(*) as n from outbox"
                + " where convert_from(payload, 'UTF8') like '%VALVE_UNANSWERED%'"
                + " and convert_from(payload, 'UTF8') like '%' || $1 || '%'", meter).get(0).getLong("n"))
                .isEqualTo(2));
    }

    @Test
    void relaysOfTwoReplicasAtOncePublishEveryMessageOnceAndInOrder() {
        String topic = "aqkol/v1/test/" + UUID.randomUUID();
        List<AlertRaised> messages = IntStream.range(0, 600).mapToObj(i -> new AlertRaised(UUID.randomUUID(),
                Instant.now(), "metering-service", "ORDER", Severity.INFO, "test:" + i, "message " + i, Map.of(),
                false)).toList();
        try (MqttTestClient subscriber = TestStack.mqtt().subscribe(topic)) {
            pool.withTransaction(c -> outbox.enqueue(c, topic, messages)).await().atMost(PATIENCE);

            // three relays at once, again and again, beside the scheduled one
            await().atMost(PATIENCE).until(() -> {
                atOnce(outbox::relay, outbox::relay, outbox::relay);
                return subscriber.receivedCount() >= messages.size();
            });

            List<String> ids = new ArrayList<>();
            subscriber.received().forEach(m -> ids.add(m.text().substring(m.text().indexOf("\"id\":\"") + 6,
                    m.text().indexOf("\"id\":\"") + 42)));
            assertThat(ids).containsExactlyElementsOf(messages.stream().map(m -> m.id().toString()).toList());
        }
    }

    @SafeVarargs
    private <T> List<T> atOnce(Supplier<Uni<T>>... passes) {
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (Supplier<Uni<T>> pass : passes) {
            running.add(CompletableFuture.supplyAsync(() -> OnVertx.await(vertx, pass)));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private List<Row> query(String sql, String parameter) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(PATIENCE).forEach(rows::add);
        return rows;
    }
}
