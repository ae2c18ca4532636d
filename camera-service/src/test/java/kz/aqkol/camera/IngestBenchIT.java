package kz.aqkol.camera;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test of behaviour: detections per second from camera publishers through the real broker into
 * PostgreSQL (QoS 1, acknowledged after commit). Run alone:
 * {@code ./mvnw -B -pl camera-service -am verify -Daqkol.bench=true -Dit.test=IngestBenchIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}
 * (-Daqkol.bench.events=N to change the count).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "aqkol.bench", matches = "true")
class IngestBenchIT {

    private static final int PUBLISHERS = 4;
    private static final int CAMERAS = 200;

    @Test
    void detectionsPerSecondThroughTheBroker() throws Exception {
        int events = Integer.getInteger("aqkol.bench.events", 200_000);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String zone = "bench-ingest-" + run;
        try (Connection db = Fixtures.db(); Statement st = db.createStatement()) {
            st.executeUpdate("insert into zone (id, name, privacy_class, created_at) values ('" + zone
                    + "', 'bench', 'PUBLIC', now())");
            st.executeUpdate("insert into camera (id, name, zone_id, kind, created_at) select 'BI" + run
                    + "-' || g, 'bench', '" + zone + "', 'FIXED', now() from generate_series(0, " + (CAMERAS - 1)
                    + ") g");
        }
        Instant base = Instant.now().minus(Duration.ofDays(1));
        String[] types = {"MOTION", "PERSON", "VEHICLE", "PLATE", "CROWD"};
        List<List<byte[]>> payloads = new ArrayList<>();
        List<List<String>> topics = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            payloads.add(new ArrayList<>());
            topics.add(new ArrayList<>());
        }
        for (int i = 0; i < events; i++) {
            String type = types[i % types.length];
            String camera = "BI" + run + "-" + (i % CAMERAS);
            String plate = type.equals("PLATE") ? "B" + (i % 100_000) + "KZ" : null;
            payloads.get(i % PUBLISHERS).add(Fixtures.event(UUID.randomUUID(), base.plusMillis(i), type, plate,
                    "nvr://bench/" + i).getBytes(UTF_8));
            topics.get(i % PUBLISHERS).add(Topics.cameraEvents(camera));
        }

        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        long start = System.nanoTime();
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(pool.submit(() -> {
                try (MqttTestClient client = TestStack.mqtt()) {
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    List<byte[]> mine = payloads.get(publisher);
                    for (int i = 0; i < mine.size(); i++) {
                        acks.add(client.publishAsync(topics.get(publisher).get(i), mine.get(i)));
                    }
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                }
                return null;
            }));
        }
        for (Future<?> f : publishers) {
            f.get();
        }
        long published = System.nanoTime();
        long stored = 0;
        while (stored < events && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
            stored = Fixtures.count("select count(*) from detection_event where zone_id = ?", zone);
            if (stored < events) {
                Thread.sleep(100);
            }
        }
        long done = System.nanoTime();
        pool.shutdown();
        double publishSeconds = (published - start) / 1e9;
        double seconds = (done - start) / 1e9;
        String figures = String.format("ingest: %d detections from %d QoS 1 publishers, %d cameras: published in "
                        + "%.1f s (%.0f/s), all stored in %.1f s -> %.0f events/s stored end to end", events,
                PUBLISHERS, CAMERAS, publishSeconds, events / publishSeconds, seconds, stored / seconds);
        System.out.println("BENCH " + figures);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-ingest.txt"), figures + "\n");
        assertThat(stored).isEqualTo(events);
    }
}
