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
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import java.util.stream.Collectors;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.Broker;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.FreePort;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.Postgres;
import org.postgresql.PGConnection;

/**
 * {@code ./aqkol bench}: QoS 1 readings from many simulated meters through a real broker into the packaged
 * metering-service and PostgreSQL on this machine, first into one replica, then as many again into two (a second
 * process of the service joins the first's share group, database and broker). Reports for each the sustained rate
 * of readings stored, the p99 lag (occurredAt to committed) and how the replicas shared the work, and in the same run
 * the two ceilings: the broker's raw publish-to-subscriber rate with the same client, and PostgreSQL's rate for
 * inserting the same rows in bulk. Not a test: it prints figures.
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
    // the registers keep rising from one measurement to the next, as a meter's do
    private final AtomicLong step = new AtomicLong();

    IngestBenchmark(Path root, Path home, int meters, int readings) {
        this.root = root;
        this.home = home;
        this.meters = meters;
        this.readings = readings;
    }

    void run() throws Exception {
        Files.createDirectories(home);
        String pgUrl = System.getenv(DevStack.PG_URL_ENV);
        try (Broker broker = Broker.namedOrLocal(home.resolve("mqtt"));
             Postgres postgres = pgUrl != null && !pgUrl.isBlank() ? Postgres.external(pgUrl)
                     : Postgres.embedded(0, home.resolve("postgres"))) {
            String host = broker.host();
            int port = broker.port();
            DevKeys keys = DevKeys.in(home.resolve("jwt"));
            out.printf("Broker:   %s%nDatabase: %s%n", broker, postgres);
            postgres.recreateDatabase(DATABASE);

            Map<String, String> config = new HashMap<>(postgres.serviceConfig());
            config.putAll(Map.of(
                    "aqkol.db.name", DATABASE,
                    "aqkol.mqtt.host", host,
                    "aqkol.mqtt.port", Integer.toString(port),
                    "mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString(),
                    "quarkus.log.console.json.enabled", "false"));
            List<ServiceProcess> replicas = new ArrayList<>();
            try {
                replicas.add(startReplica(config, 1));
                registerMeters(new Target(postgres, DATABASE, broker, List.of()));

                double brokerRate = brokerCeiling(host, port);
                CpuMeter cpu = CpuMeter.ofBenchmark(broker, postgres, DATABASE, "metering-service",
                        replicas.get(0));
                cpu.begin();
                out.println("One replica:");
                Result one = ingest(new Target(postgres, DATABASE, broker, urls(replicas)));
                Map<String, Double> cores = cpu.coresSinceBegin();
                replicas.add(startReplica(config, 2));
                out.println("Two replicas (one share group, one database):");
                Result two = ingest(new Target(postgres, DATABASE, broker, urls(replicas)));
                double copyRate = databaseCeiling(postgres);
                replicas.forEach(ServiceProcess::terminate);
                replicas.forEach(replica -> replica.awaitExit(Instant.now().plusSeconds(15)));
                Result launched = launchedStack();

                out.println();
                out.printf("%,d readings from %,d meters, %d publishers, QoS 1, per measurement%n", readings, meters,
                        PUBLISHERS);
                report("one replica", one);
                report("two replicas", two);
                report("launched stack", launched);
                out.printf("  (./aqkol up's stack: %s, %.0f %% of one replica's rate above)%n", launched.broker(),
                        100 * launched.rate() / one.rate());
                out.printf("Ceiling: broker pub->sub   %,10.0f /s (same client, QoS 1, auto-ack subscriber)%n",
                        brokerRate);
                out.printf("Ceiling: PostgreSQL COPY   %,10.0f /s (same rows into a copy of the reading table)%n",
                        copyRate);
                out.printf("Share of the lower ceiling %10.0f %% with one replica, %.0f %% with two%n",
                        100 * one.rate() / Math.min(brokerRate, copyRate),
                        100 * two.rate() / Math.min(brokerRate, copyRate));
                out.println("CPU while one replica ingested:");
                CpuMeter.print(out, cores, one.rate(), "readings");
                out.printf("Stored per reading         %,10d bytes (table and its indexes)%n", bytesPerReading(postgres));
            } finally {
                replicas.forEach(ServiceProcess::terminate);
                replicas.forEach(replica -> replica.awaitExit(Instant.now().plusSeconds(15)));
            }
        }
    }

    /** The rate, the worst replica's lag quantiles, and how many readings each replica handled. */
    private record Result(double rate, String p99, String p50, List<Long> handled, long batches, String broker) {
    }

    /** Where readings go: the broker, metering-service's replicas and the database they store into. */
    private record Target(Postgres postgres, String database, Broker broker, List<String> serviceUrls) {
    }

    /**
     * The same readings into the stack {@code ./aqkol up} runs (its broker and PostgreSQL with their data on disk,
     * the four services and the portal, on free ports, in a fresh folder), through metering-service's own database.
     */
    private Result launchedStack() throws Exception {
        Path folder = home.resolve("stack");
        FaultDrill.clear(folder);
        out.println("The launched stack (./aqkol up, on free ports):");
        try (LocalStack stack = LocalStack.onFreePorts(root, folder)) {
            if (!stack.startAll()) {
                throw CommandFailure.failed("interrupted");
            }
            Target target = new Target(stack.stack().postgres(), Service.METERING.database(),
                    stack.stack().broker(), List.of(stack.url(Service.METERING)));
            registerMeters(target);
            return ingest(target);
        }
    }

    private void report(String what, Result result) {
        out.printf("Readings stored, %-12s %,9.0f /s sustained; handled by replica %s%n", what, result.rate(),
                result.handled().stream().map(count -> String.format("%,d", count))
                        .collect(Collectors.joining(" / ")));
        out.printf("  lag occurredAt->committed %s p99, %s p50 (aqkol_intake_lag, the slower replica's)%n",
                result.p99(), result.p50());
        out.printf("  %,d commits, %.0f readings each on average (aqkol_intake_batch_size)%n", result.batches(),
                (double) result.handled().stream().mapToLong(Long::longValue).sum() / Math.max(1, result.batches()));
    }

    /** Replica {@code number} of metering-service: its own client id and port, the same share group and database. */
    private ServiceProcess startReplica(Map<String, String> config, int number) throws InterruptedException {
        Map<String, String> own = new HashMap<>(config);
        own.put("aqkol.instance", number == 1 ? "bench" : "bench-" + number);
        String name = number == 1 ? "metering-service" : "metering-service-" + number;
        ServiceProcess replica = ServiceProcess.start(name, Service.METERING.application(), FreePort.find(), root,
                own, Map.of(), home.resolve(name + ".log"));
        awaitReady(replica);
        return replica;
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

    private void registerMeters(Target target) throws SQLException {
        try (Connection db = target.postgres().connect(target.database());
             PreparedStatement insert = db.prepareStatement("""
                     insert into meter (id, utility, unit, register_digits, multiplier, has_valve, installed_at,
                                        created_at)
                     values (?, 'GAS', 'M3', 8, 1, false, now() - interval '1 hour', now())""")) {
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

    private Result ingest(Target target) throws Exception {
        List<Long> handledBefore = new ArrayList<>();
        long batchesBefore = 0;
        for (String replica : target.serviceUrls()) {
            String metrics = metrics(replica);
            handledBefore.add(handled(metrics));
            batchesBefore += batches(metrics);
        }
        long before = stored(target);
        Instant start = Instant.now();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() ->
                publish(target.broker().host(), target.broker().port(), i -> Topics.meterReadings(meterId(i % meters))));
        long stored = 0;
        long lastReport = 0;
        while (stored < readings) {
            Thread.sleep(200);
            stored = stored(target) - before;
            if (stored - lastReport >= readings / 10) {
                out.printf("  %,d stored after %.1f s%n", stored, seconds(Duration.between(start, Instant.now())));
                lastReport = stored;
            }
        }
        double rate = readings / seconds(Duration.between(start, Instant.now()));
        publishing.join();
        List<Long> handled = new ArrayList<>();
        long batches = -batchesBefore;
        double p99 = 0;
        double p50 = 0;
        for (int i = 0; i < target.serviceUrls().size(); i++) {
            String metrics = metrics(target.serviceUrls().get(i));
            handled.add(handled(metrics) - handledBefore.get(i));
            batches += batches(metrics);
            p99 = Math.max(p99, quantile(metrics, "0.99"));
            p50 = Math.max(p50, quantile(metrics, "0.5"));
        }
        return new Result(rate, String.format("%.3f s", p99), String.format("%.3f s", p50), handled,
                batches, target.broker().toString());
    }

    private static List<String> urls(List<ServiceProcess> replicas) {
        return replicas.stream().map(replica -> replica.url().toString()).toList();
    }

    private String metrics(String serviceUrl) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * COPY of the same number of rows into a table shaped like {@code reading}, indexes and all, and partitioned by
     * month as it is: its partition for the month of the rows (and the next, should they cross into it).
     */
    private double databaseCeiling(Postgres postgres) throws SQLException, IOException {
        try (Connection db = postgres.connect(DATABASE); Statement statement = db.createStatement()) {
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            statement.execute("create table reading_copy (like reading including all)"
                    + " partition by range (occurred_at)");
            YearMonth month = YearMonth.from(base.atOffset(ZoneOffset.UTC));
            for (YearMonth m : List.of(month, month.plusMonths(1))) {
                statement.execute(String.format("create table reading_copy_%d_%02d partition of reading_copy"
                        + " for values from ('%s') to ('%s')", m.getYear(), m.getMonthValue(),
                        m.atDay(1).atStartOfDay(ZoneOffset.UTC),
                        m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)));
            }
            StringBuilder rows = new StringBuilder();
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

    private long stored(Target target) throws SQLException {
        try (Connection db = target.postgres().connect(target.database());
             ResultSet count = db.createStatement().executeQuery("select count(*) from reading")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static double quantile(String metrics, String quantile) {
        return metrics.lines()
                .filter(line -> line.startsWith("aqkol_intake_lag_seconds{") && line.contains("channel=\"readings\"")
                        && line.contains("quantile=\"" + quantile + "\""))
                .mapToDouble(IngestBenchmark::value).findFirst().orElse(Double.NaN);
    }

    /** The readings the replica has handled since it started ({@code aqkol_messages_handled_total}). */
    private static long handled(String metrics) {
        return (long) metrics.lines()
                .filter(line -> line.startsWith("aqkol_messages_handled_total{")
                        && line.contains("channel=\"readings\""))
                .mapToDouble(IngestBenchmark::value).sum();
    }

    /** The batches the replica's readings intake has committed ({@code aqkol_intake_batch_size_count}). */
    private static long batches(String metrics) {
        return (long) metrics.lines()
                .filter(line -> line.startsWith("aqkol_intake_batch_size_count{")
                        && line.contains("channel=\"readings\""))
                .mapToDouble(IngestBenchmark::value).sum();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String meterId(int i) {
        return "B-" + i;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
