package kz.aqkol.devstack.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.FreePort;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.Postgres;
import org.postgresql.PGConnection;

/**
 * {@code ./aqkol bench}: QoS 1 readings from many simulated meters through a real broker into the packaged
 * metering-service and PostgreSQL on this machine. Reports the sustained rate of readings stored and the p99 lag
 * (occurredAt to committed), and in the same run the two ceilings: the broker's raw publish-to-subscriber rate
 * with the same client, and PostgreSQL's rate for inserting the same rows in bulk. Not a test: it prints figures.
 *
 * <p>The broker is Mosquitto when it is installed (started here with the settings a deployment uses: unbounded
 * queue, a wide in-flight window), else the embedded HiveMQ; AQKOL_MQTT_URL and AQKOL_PG_URL select existing
 * servers.
 */
final class IngestBenchmark {

    private static final String DATABASE = "aqkol_bench_metering";
    private static final int PUBLISHERS = 4;

    private final Path root;
    private final Path home;
    private final int meters;
    private final int readings;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newHttpClient();

    IngestBenchmark(Path root, Path home, int meters, int readings) {
        this.root = root;
        this.home = home;
        this.meters = meters;
        this.readings = readings;
    }

    void run() throws Exception {
        Files.createDirectories(home);
        String pgUrl = System.getenv(DevStack.PG_URL_ENV);
        try (BenchBroker broker = BenchBroker.start(home);
             Postgres postgres = pgUrl != null && !pgUrl.isBlank() ? Postgres.external(pgUrl)
                     : Postgres.embedded(0, home.resolve("postgres"))) {
            String host = broker.broker().host();
            int port = broker.broker().port();
            DevKeys keys = DevKeys.in(home.resolve("jwt"));
            out.printf("Broker:   %s%nDatabase: %s%n", broker, postgres);
            postgres.recreateDatabase(DATABASE);

            int servicePort = FreePort.find();
            Map<String, String> config = new HashMap<>(postgres.serviceConfig());
            config.putAll(Map.of(
                    "aqkol.db.name", DATABASE,
                    "aqkol.mqtt.host", host,
                    "aqkol.mqtt.port", Integer.toString(port),
                    "aqkol.instance", "bench",
                    "mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString(),
                    "quarkus.log.console.json.enabled", "false"));
            ServiceProcess service = ServiceProcess.start(Service.METERING, servicePort, root, config, Map.of(),
                    home.resolve("metering-service.log"));
            try {
                awaitReady(service);
                registerMeters(postgres);

                double brokerRate = brokerCeiling(host, port);
                CpuMeter cpu = CpuMeter.ofBenchmark(broker, postgres, DATABASE, "metering-service", service);
                cpu.begin();
                Result ingest = ingest(postgres, host, port, service);
                Map<String, Double> cores = cpu.coresSinceBegin();
                double copyRate = databaseCeiling(postgres);

                out.println();
                out.printf("Readings stored            %,10.0f /s sustained (%,d readings from %,d meters, %d "
                        + "publishers, QoS 1)%n", ingest.rate(), readings, meters, PUBLISHERS);
                out.printf("Lag occurredAt->committed  %10s p99, %s p50 (service metric aqkol_intake_lag)%n",
                        ingest.p99(), ingest.p50());
                out.printf("Ceiling: broker pub->sub   %,10.0f /s (same client, QoS 1, auto-ack subscriber)%n",
                        brokerRate);
                out.printf("Ceiling: PostgreSQL COPY   %,10.0f /s (same rows into a copy of the reading table)%n",
                        copyRate);
                out.printf("Share of the lower ceiling %10.0f %%%n",
                        100 * ingest.rate() / Math.min(brokerRate, copyRate));
                CpuMeter.print(out, cores, ingest.rate(), "readings");
                out.printf("Stored per reading         %,10d bytes (table and its indexes)%n", bytesPerReading(postgres));
            } finally {
                service.terminate();
                service.awaitExit(Instant.now().plusSeconds(15));
            }
        }
    }

    private record Result(double rate, String p99, String p50) {
    }


    private void awaitReady(ServiceProcess service) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!service.isReady(http)) {
            if (service.exitCode().isPresent() || Instant.now().isAfter(deadline)) {
                service.tailOfLog(40).forEach(out::println);
                throw CommandFailure.failed("metering-service did not become ready");
            }
            Thread.sleep(250);
        }
    }

    private void registerMeters(Postgres postgres) throws SQLException {
        try (Connection db = postgres.connect(DATABASE);
             PreparedStatement insert = db.prepareStatement("""
                     insert into meter (id, utility, unit, register_digits, multiplier, has_valve, installed_at,
                                        created_at)
                     values (?, 'GAS', 'M3', 8, 1, false, now() - interval '30 days', now())""")) {
            for (int i = 0; i < meters; i++) {
                insert.setString(1, meterId(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        out.printf("Registered %,d meters%n", meters);
    }

    /** Publishes every reading at QoS 1 and times the publishers' PUBACKs and the subscriber's arrivals. */
    private double brokerCeiling(String host, int port) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (MqttTestClient subscriber = MqttTestClient.connect(host, port, "bench-sub-" + run)) {
            subscriber.subscribe("aqkol/v1/bench-" + run + "/+/readings");
            Instant start = Instant.now();
            publish(host, port, i -> "aqkol/v1/bench-" + run + "/" + meterId(i % meters) + "/readings");
            while (subscriber.receivedCount() < readings) {
                Thread.sleep(20);
            }
            double rate = readings / seconds(Duration.between(start, Instant.now()));
            out.printf("Broker ceiling measured: %,.0f /s%n", rate);
            return rate;
        }
    }

    private Result ingest(Postgres postgres, String host, int port, ServiceProcess service) throws Exception {
        Instant start = Instant.now();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() ->
                publish(host, port, i -> Topics.meterReadings(meterId(i % meters))));
        long stored = 0;
        long lastReport = 0;
        while (stored < readings) {
            Thread.sleep(200);
            stored = stored(postgres);
            if (stored - lastReport >= readings / 10) {
                out.printf("  %,d stored after %.1f s%n", stored, seconds(Duration.between(start, Instant.now())));
                lastReport = stored;
            }
        }
        double rate = readings / seconds(Duration.between(start, Instant.now()));
        publishing.join();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Result(rate, quantile(metrics, "0.99"), quantile(metrics, "0.5"));
    }

    /** COPY of the same number of rows into a table shaped like {@code reading}, indexes and all. */
    private double databaseCeiling(Postgres postgres) throws SQLException, IOException {
        try (Connection db = postgres.connect(DATABASE); Statement statement = db.createStatement()) {
            statement.execute("create table reading_copy (like reading including all)");
            StringBuilder rows = new StringBuilder();
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < readings; i++) {
                rows.append(UUID.randomUUID()).append('\t').append(meterId(i % meters)).append('\t')
                        .append(base.plusSeconds(i / meters)).append('\t').append(i / meters).append("\t\\N\t")
                        .append(base).append('\n');
            }
            Instant start = Instant.now();
            db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy reading_copy (id, meter_id, occurred_at, register, flags, received_at) from stdin",
                    new StringReader(rows.toString()));
            double rate = readings / seconds(Duration.between(start, Instant.now()));
            statement.execute("drop table reading_copy");
            return rate;
        }
    }

    /** All readings, spread over the publishers, at QoS 1 with up to 1,000 in flight each. */
    private void publish(String host, int port, java.util.function.IntFunction<String> topic) {
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        AtomicLong step = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            done.add(CompletableFuture.runAsync(() -> {
                try (MqttTestClient client = MqttTestClient.connect(host, port,
                        "bench-pub-" + publisher + "-" + UUID.randomUUID().toString().substring(0, 6))) {
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (int i = publisher; i < readings; i += PUBLISHERS) {
                        String payload = "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\""
                                + Instant.now().truncatedTo(ChronoUnit.MICROS) + "\",\"register\":"
                                + step.incrementAndGet() + ",\"unit\":\"M3\"}";
                        acks.add(client.publishAsync(topic.apply(i), payload.getBytes(UTF_8)));
                    }
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
    }

    /** The readings' table with its indexes (its partitions', if it has them) over the rows in it. */
    private long bytesPerReading(Postgres postgres) throws SQLException {
        try (Connection db = postgres.connect(DATABASE);
             ResultSet size = db.createStatement().executeQuery("""
                     select (pg_total_relation_size('reading') + coalesce((select sum(pg_total_relation_size(inhrelid))
                             from pg_inherits where inhparent = 'reading'::regclass), 0)) / greatest(count(*), 1)
                     from reading""")) {
            size.next();
            return size.getLong(1);
        }
    }

    private long stored(Postgres postgres) throws SQLException {
        try (Connection db = postgres.connect(DATABASE);
             ResultSet count = db.createStatement().executeQuery("select count(*) from reading")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String quantile(String metrics, String quantile) {
        return metrics.lines()
                .filter(line -> line.startsWith("aqkol_intake_lag_seconds{") && line.contains("channel=\"readings\"")
                        && line.contains("quantile=\"" + quantile + "\""))
                .map(line -> String.format("%.3f s", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                .findFirst().orElse("n/a");
    }

    private static String meterId(int i) {
        return "B-" + i;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
