package kz.aqkol.devstack.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.Broker;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.FreePort;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.Postgres;
import kz.aqkol.devstack.WebhookRecorder;

/**
 * {@code ./aqkol bench alerts}: many alerts about fewer conditions, at QoS 1 through a real broker into the
 * packaged alert-service, which must deduplicate them (one alert per condition, counting every copy) and notify a
 * webhook of each new condition. A warm-up of the same shape about other conditions runs first, so the figures are
 * those of a warmed-up service. Reports alerts taken per second and, per condition, the time from its first
 * publish to its webhook delivery (p50, p99).
 */
final class AlertBenchmark {

    private static final String DATABASE = "aqkol_bench_alert";
    private static final String WARM_UP = "warm-up:";
    private static final String MEASURED = "meter:";

    private final Path root;
    private final Path home;
    private final int alerts;
    private final int conditions;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newHttpClient();

    AlertBenchmark(Path root, Path home, int alerts, int conditions) {
        this.root = root;
        this.home = home;
        this.alerts = alerts;
        this.conditions = conditions;
    }

    void run() throws Exception {
        Files.createDirectories(home);
        String pgUrl = System.getenv(DevStack.PG_URL_ENV);
        try (Broker broker = Broker.namedOrLocal(home.resolve("mqtt"));
             Postgres postgres = pgUrl != null && !pgUrl.isBlank() ? Postgres.external(pgUrl)
                     : Postgres.embedded(0, home.resolve("postgres"));
             WebhookRecorder webhook = WebhookRecorder.start()) {
            DevKeys keys = DevKeys.in(home.resolve("jwt"));
            out.printf("Broker:   %s%nDatabase: %s%n", broker, postgres);
            postgres.recreateDatabase(DATABASE);
            Map<String, String> config = new HashMap<>(postgres.serviceConfig());
            config.putAll(Map.of(
                    "aqkol.db.name", DATABASE,
                    "aqkol.mqtt.host", broker.host(),
                    "aqkol.mqtt.port", Integer.toString(broker.port()),
                    "aqkol.instance", "bench",
                    "aqkol.alert.tick", "1s", // the scheduler runs jobs at most once a second
                    "mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString(),
                    "quarkus.log.console.json.enabled", "false"));
            ServiceProcess service = ServiceProcess.start(Service.ALERT, FreePort.find(), root, config, Map.of(),
                    home.resolve("alert-service.log"));
            try {
                awaitReady(service);
                configure(service, new DevTokens(keys), webhook);

                // warm-up: the same work about other conditions, so the measured storm meets a warmed-up JVM
                int warm = Math.min(20_000, Math.max(conditions, alerts / 10));
                out.printf("Warm-up: %,d alerts about %,d other conditions%n", warm, conditions);
                publish(broker, WARM_UP, warm, new ConcurrentHashMap<>());
                awaitTaken(postgres, warm);
                while (notified(webhook, WARM_UP) < conditions) {
                    Thread.sleep(100);
                }

                Map<String, Instant> firstPublished = new ConcurrentHashMap<>();
                CpuMeter cpu = CpuMeter.ofBenchmark(broker, postgres, DATABASE, "alert-service", service);
                cpu.begin();
                Instant start = Instant.now();
                publish(broker, MEASURED, alerts, firstPublished);
                awaitTaken(postgres, warm + (long) alerts);
                double rate = alerts / seconds(Duration.between(start, Instant.now()));
                Map<String, Double> cores = cpu.coresSinceBegin();
                while (notified(webhook, MEASURED) < conditions) {
                    Thread.sleep(100);
                }
                List<Long> latencies = latencies(webhook, firstPublished);
                out.println();
                out.printf("Alerts taken (deduplicated) %,10.0f /s (%,d alerts about %,d conditions, QoS 1)%n", rate,
                        alerts, conditions);
                out.printf("Open alerts                 %,10d (one per condition)%n", open(postgres));
                out.printf("First publish -> webhook    %,10d ms p50, %,d ms p99 (%d conditions, scheduler tick 1 s)%n",
                        percentile(latencies, 50), percentile(latencies, 99), latencies.size());
                CpuMeter.print(out, cores, rate, "alerts");
            } finally {
                service.terminate();
                service.awaitExit(Instant.now().plusSeconds(15));
            }
        }
    }

    private void awaitReady(ServiceProcess service) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!service.isReady(http)) {
            if (service.exitCode().isPresent() || Instant.now().isAfter(deadline)) {
                service.tailOfLog(40).forEach(out::println);
                throw CommandFailure.failed("alert-service did not become ready");
            }
            Thread.sleep(250);
        }
    }

    /** A receiver at the recorder, and a route that notifies each new condition at once. */
    private void configure(ServiceProcess service, DevTokens tokens, WebhookRecorder webhook) throws Exception {
        String token = tokens.issue("bench", Duration.ofHours(1), "operator");
        send(service, token, "POST", "/receivers", "{\"name\":\"bench\",\"webhookUrl\":\"" + webhook.url("/bench")
                + "\"}");
        send(service, token, "PUT", "/routing", "{\"route\":{\"name\":\"root\",\"receiver\":\"bench\","
                + "\"groupBy\":[\"subject\"],\"groupWait\":\"0s\",\"groupInterval\":\"1m\"}}");
    }

    private void send(ServiceProcess service, String token, String method, String path, String body)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw CommandFailure.failed(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private void awaitTaken(Postgres postgres, long expected) throws Exception {
        while (taken(postgres) < expected) {
            Thread.sleep(200);
        }
    }

    /** Webhook requests about conditions whose subject starts with {@code prefix}. */
    private static long notified(WebhookRecorder webhook, String prefix) {
        return webhook.requests().stream().filter(r -> r.body().contains("\"subject\":\"" + prefix)).count();
    }

    private void publish(Broker broker, String prefix, int alerts, Map<String, Instant> firstPublished) {
        try (MqttTestClient client = MqttTestClient.connect(broker.host(), broker.port(),
                "bench-alerts-" + UUID.randomUUID().toString().substring(0, 6))) {
            List<CompletableFuture<Void>> acks = new ArrayList<>(alerts);
            for (int i = 0; i < alerts; i++) {
                String subject = prefix + "B-" + (i % conditions);
                Instant now = Instant.now();
                firstPublished.putIfAbsent(subject, now);
                String payload = "{\"id\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + now + "\","
                        + "\"source\":\"metering-service\",\"type\":\"LEAK\",\"severity\":\"MAJOR\",\"subject\":\""
                        + subject + "\",\"summary\":\"Continuous flow\",\"labels\":{\"zone\":\"bench\"}}";
                acks.add(client.publishAsync(Topics.alerts("metering-service"), payload.getBytes(UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    private List<Long> latencies(WebhookRecorder webhook, Map<String, Instant> firstPublished) {
        List<Long> latencies = new ArrayList<>();
        for (WebhookRecorder.Request request : webhook.requests()) {
            firstPublished.forEach((subject, at) -> {
                if (request.body().contains("\"subject\":\"" + subject + "\"")) {
                    latencies.add(Duration.between(at, request.receivedAt()).toMillis());
                }
            });
        }
        Collections.sort(latencies);
        return latencies;
    }

    private long taken(Postgres postgres) throws SQLException {
        try (Connection db = postgres.connect(DATABASE);
             ResultSet sum = db.createStatement().executeQuery("select coalesce(sum(occurrences), 0) from alert")) {
            sum.next();
            return sum.getLong(1);
        }
    }

    private long open(Postgres postgres) throws SQLException {
        try (Connection db = postgres.connect(DATABASE);
             ResultSet count = db.createStatement().executeQuery("select count(*) from alert where subject like '" + MEASURED + "%'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static long percentile(List<Long> sorted, int percentile) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
