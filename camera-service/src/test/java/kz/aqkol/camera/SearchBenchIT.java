package kz.aqkol.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark: GET /events for one camera and one day, over five million stored events (bulk-loaded with
 * generate_series: 100 cameras, 50 days, 1,000 events per camera and day). Each request is a real one: JWT,
 * audit-chain append, keyset query, JSON. Run alone:
 * {@code ./mvnw -B -pl camera-service -am verify -Daqkol.bench=true -Dit.test=SearchBenchIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "aqkol.bench", matches = "true")
class SearchBenchIT {

    private static final int CAMERAS = 100;
    private static final int DAYS = 50;

    @TestHTTPResource("/events")
    URL events;

    @Test
    void oneCameraOneDayOverFiveMillionEvents() throws Exception {
        int total = Integer.getInteger("aqkol.bench.rows", 5_000_000);
        int perCameraDay = total / CAMERAS / DAYS;
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS + 1));
        long loadStart = System.nanoTime();
        try (Connection db = Fixtures.db(); Statement st = db.createStatement()) {
            st.executeUpdate("insert into zone (id, name, privacy_class, created_at) values ('bench-search',"
                    + " 'bench', 'PUBLIC', now()) on conflict do nothing");
            st.executeUpdate("insert into camera (id, name, zone_id, kind, created_at) select 'BS-' || g, 'bench',"
                    + " 'bench-search', 'FIXED', now() from generate_series(0, " + (CAMERAS - 1) + ") g"
                    + " on conflict do nothing");
            // events are stored by month (architecture.md, "Storage"): the months these days fall in
            st.execute("select aqkol_create_month_partition('detection_event', m at time zone 'UTC')"
                    + " from generate_series(date_trunc('month', timestamptz '" + first + "' at time zone 'UTC'),"
                    + " now() at time zone 'UTC', interval '1 month') m");
            // one statement per day keeps each transaction moderate
            for (int day = 0; day < DAYS; day++) {
                Instant dayStart = first.plus(Duration.ofDays(day));
                st.executeUpdate("""
                        insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id,
                                                     plate_hash, snapshot_ref, received_at)
                        select gen_random_uuid(), 'BS-' || (g %% %d),
                               timestamptz '%s' + (g / %d) * (interval '86400 seconds' / %d),
                               (array['MOTION','PERSON','VEHICLE','PLATE','FIRE','SMOKE','TAMPER','CROWD'])[1 + g %% 8],
                               0.9, 'bench-search',
                               case when g %% 8 = 3 then md5(g::text) || md5((g + 1)::text) end,
                               'nvr://bench/' || g, now()
                        from generate_series(0, %d) g""".formatted(CAMERAS, dayStart, CAMERAS, perCameraDay,
                        CAMERAS * perCameraDay - 1));
            }
            st.execute("analyze detection_event");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long stored = Fixtures.count("select count(*) from detection_event where zone_id = 'bench-search'");

        HttpClient http = HttpClient.newHttpClient();
        String token = Fixtures.person("bench-operator", Roles.OPERATOR);
        Random random = new Random(17);
        int warmup = 200;
        int measured = 1_000;
        long[] nanos = new long[measured];
        int items = 0;
        for (int i = 0; i < warmup + measured; i++) {
            Instant day = first.plus(Duration.ofDays(random.nextInt(DAYS)));
            URI uri = URI.create(events + "?camera=BS-" + random.nextInt(CAMERAS) + "&from=" + day + "&to="
                    + day.plus(Duration.ofDays(1)) + "&limit=100");
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET()
                    .build();
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t;
            assertThat(response.statusCode()).isEqualTo(200);
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
                items += response.body().split("\"occurredAt\"", -1).length - 1;
            }
        }
        Arrays.sort(nanos);
        String figures = String.format("search: %d events stored (loaded in %.0f s); GET /events one camera one day"
                        + " (%d events in that day, limit=100), %d sequential requests after %d warm-up:"
                        + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f items per response",
                stored, loadSeconds, perCameraDay, measured, warmup, nanos[measured / 2] / 1e6,
                nanos[measured * 95 / 100] / 1e6, nanos[measured * 99 / 100] / 1e6, nanos[measured - 1] / 1e6,
                items / (double) measured);
        System.out.println("BENCH " + figures);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-search.txt"), figures + "\n");
        assertThat(stored).isGreaterThanOrEqualTo(total);
    }
}
