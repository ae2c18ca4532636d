package kz.aqkol.devstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;

/**
 * {@code ./aqkol bench faults}: the launched stack under load and failure. A fresh stack (all four services, the
 * embedded broker and PostgreSQL, free ports, data in {@code .aqkol/bench/faults/}) takes streams of QoS 1 readings
 * while it is hurt: metering-service killed with SIGKILL and started again, the broker restarted, PostgreSQL stopped
 * for 10 s. The simulated meters behave as real ones do: a reading the broker has not acknowledged is sent again,
 * same id. Each stream's readings are then counted in metering-service's database: sent, stored, lost, doubled.
 * Then {@link Fuzz} sends malformed MQTT payloads and HTTP bodies and counts how each was refused. Not a test: it
 * prints figures, and exits non-zero if anything was lost, doubled or accepted that should not have been.
 */
final class FaultDrill {

    private static final int METERS = 200;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final Path root;
    private final Path home;
    private final int readings;
    private final int rate;
    private final int fuzzCount;
    private final PrintStream out = System.out;
    private final List<Outcome> results = new ArrayList<>();

    private LocalStack stack;
    private String operator;

    /** One stream's outcome, as counted in metering-service's database. */
    private record Outcome(String name, int sent, long republished, long stored, long doubled, double seconds,
                           boolean allReady) {
        long lost() {
            return Math.max(0, sent - stored);
        }
    }

    FaultDrill(Path root, Path home, int readings, int rate, int fuzzCount) {
        this.root = root;
        this.home = home;
        this.readings = readings;
        this.rate = rate;
        this.fuzzCount = fuzzCount;
    }

    void run() throws Exception {
        clear(home);
        stack = LocalStack.onFreePorts(root, home);
        if (!stack.startAll()) {
            return;
        }
        try {
            operator = stack.stack().tokens().issue("fault-drill", Duration.ofHours(2), "operator");
            out.printf("%nStreams of %,d readings from %d meters each; the faulted ones paced at %,d readings/s.%n",
                    readings, METERS, rate);
            stream("steady, as fast as acknowledged", "S", 0, null);
            stream("kill -9 metering-service", "K", rate, () -> {
                stack.kill(Service.METERING);
                out.println("    metering-service killed (SIGKILL); starting it again in 3 s");
                pause(Duration.ofSeconds(3));
                stack.start(Service.METERING);
            });
            stream("broker restart", "B", rate, () -> {
                out.println("    stopping the broker for 5 s");
                stack.stack().restartBroker(Duration.ofSeconds(5));
                awaitAllReady(Duration.ofMinutes(2));
                out.println("    broker back; every service ready again (its MQTT intakes subscribed)");
            });
            stream("PostgreSQL stopped for 10 s", "P", rate, () -> {
                out.println("    stopping PostgreSQL for 10 s");
                stack.stack().stopPostgres();
                pause(Duration.ofSeconds(10));
                stack.stack().startPostgres();
                out.println("    PostgreSQL back");
            });
            Fuzz.Result fuzz = new Fuzz(stack, operator, out, fuzzCount).run();
            boolean ok = summary(fuzz);
            if (!ok) {
                throw CommandFailure.failed("the drill found lost, doubled or wrongly accepted messages (above)");
            }
        } finally {
            stack.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- streams

    private interface Fault {
        void inject() throws Exception;
    }

    /**
     * Registers the stream's meters, publishes its readings (paced at {@code pace} per second, 0: unpaced) and
     * injects {@code fault} once a third of them are acknowledged; then waits for metering-service to store all.
     */
    private void stream(String name, String prefix, int pace, Fault fault) throws Exception {
        out.printf("%n== %s%n", name);
        Instant installed = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        for (int m = 0; m < METERS; m++) {
            post(stack.url(Service.METERING) + "/meters", """
                    {"id":"%s","utility":"GAS","unit":"M3","registerDigits":8,"hasValve":false,"zone":"drill",
                     "installedAt":"%s","initialRegister":0}""".formatted(meter(prefix, m), installed));
        }
        // the stream's last readings an hour old: recent enough that no meter is SILENT (6 h) while the drill runs
        List<Message> messages = readings(prefix, Instant.now().truncatedTo(ChronoUnit.MINUTES)
                .minus(Duration.ofMinutes(readings / METERS + 60)));
        DevStack servers = stack.stack();
        AtomicInteger acknowledged = new AtomicInteger();
        Instant start = Instant.now();
        CompletableFuture<Long> publishing = CompletableFuture.supplyAsync(() ->
                new ResendingPublisher(servers, "drill-" + prefix).publish(messages, pace, acknowledged::set));
        if (fault != null) {
            while (acknowledged.get() < messages.size() / 3 && !publishing.isDone()) {
                pause(Duration.ofMillis(50));
            }
            out.printf("    fault at %,d of %,d readings acknowledged by the broker%n", acknowledged.get(),
                    messages.size());
            fault.inject();
        }
        long republished = publishing.join();
        out.printf("    all %,d acknowledged by the broker after %.1f s (%,d sent again after a failure)%n",
                messages.size(), seconds(start), republished);
        long stored = awaitStored(prefix, messages.size());
        double took = seconds(start);
        long doubled = doubled(prefix);
        awaitAllReady(Duration.ofMinutes(1));
        boolean ready = Stream.of(Service.values()).allMatch(stack::isReady);
        Outcome result = new Outcome(name, messages.size(), republished, stored, doubled, took, ready);
        results.add(result);
        out.printf("    stored %,d of %,d in %.1f s (%,.0f readings/s end to end); lost %d, doubled %d%n", stored,
                messages.size(), took, stored / took, result.lost(), doubled);
    }

    private record Message(String topic, byte[] payload) {
    }

    /** The stream: each meter's readings a minute apart, registers rising, ids all different. */
    private List<Message> readings(String prefix, Instant from) {
        List<Message> messages = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            int meter = i % METERS;
            int step = i / METERS;
            messages.add(new Message(Topics.meterReadings(meter(prefix, meter)), Codec.write(new MeterReading(
                    UUID.randomUUID(), from.plus(Duration.ofMinutes(step)), BigDecimal.valueOf(step, 2),
                    MeterUnit.M3, List.of()))));
        }
        return messages;
    }

    private static String meter(String prefix, int i) {
        return "DRILL-" + prefix + "-" + i;
    }

    /** Until metering-service holds every reading of the stream, or the count stops moving for a minute. */
    private long awaitStored(String prefix, int sent) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        long stored = -1;
        Instant lastMove = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            long now = count("select count(*) from reading r join meter m on m.id = r.meter_id "
                    + "where m.id like ? and r.occurred_at > m.installed_at", "DRILL-" + prefix + "-%");
            if (now != stored) {
                lastMove = Instant.now();
                stored = now;
            }
            if (stored >= sent || Duration.between(lastMove, Instant.now()).toSeconds() > 60) {
                return stored;
            }
            pause(Duration.ofMillis(250));
        }
        return stored;
    }

    /** Readings stored more than once: the same meter and time twice, or the same message id twice. */
    private long doubled(String prefix) throws SQLException {
        return count("select (count(*) - count(distinct (meter_id, occurred_at))) + (count(*) - count(distinct id)) "
                + "from reading where meter_id like ?", "DRILL-" + prefix + "-%");
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection db = stack.stack().postgres().connect(Service.METERING.database());
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void awaitAllReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!Stream.of(Service.values()).allMatch(stack::isReady)) {
            if (Instant.now().isAfter(deadline)) {
                return; // the summary says which were not
            }
            pause(Duration.ofMillis(500));
        }
    }

    /**
     * Publishes like a meter with a QoS 1 client: in chunks, and a chunk the broker did not acknowledge within
     * {@link #ACK_TIMEOUT} (broker gone, connection lost) is sent again, same ids, on a new connection.
     */
    private final class ResendingPublisher {

        private final DevStack servers;
        private final String clientId;

        ResendingPublisher(DevStack servers, String clientId) {
            this.servers = servers;
            this.clientId = clientId;
        }

        /** Returns how many messages were sent more than once. */
        long publish(List<Message> messages, int pace, java.util.function.IntConsumer acknowledged) {
            int chunk = pace > 0 ? Math.max(20, pace / 20) : 1_000;
            long republished = 0;
            long started = System.nanoTime();
            MqttTestClient client = connect();
            try {
                for (int from = 0; from < messages.size(); ) {
                    if (pace > 0) {
                        long due = started + (long) (from * 1e9 / pace);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            pause(Duration.ofNanos(wait));
                        }
                    }
                    List<Message> part = messages.subList(from, Math.min(messages.size(), from + chunk));
                    try {
                        List<CompletableFuture<Void>> acks = new ArrayList<>(part.size());
                        for (Message message : part) {
                            acks.add(client.publishAsync(message.topic(), message.payload()));
                        }
                        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                                .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        from += part.size();
                        acknowledged.accept(from);
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                        republished += part.size();
                        closeQuietly(client);
                        client = connect();
                    }
                }
            } finally {
                closeQuietly(client);
            }
            return republished;
        }

        private MqttTestClient connect() {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (true) {
                try {
                    return MqttTestClient.connect(servers.broker().host(), servers.broker().port(),
                            clientId + "-" + UUID.randomUUID().toString().substring(0, 6));
                } catch (RuntimeException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    pause(Duration.ofMillis(500));
                }
            }
        }

        private static void closeQuietly(MqttTestClient client) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // the connection is already gone
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- summary

    private boolean summary(Fuzz.Result fuzz) {
        out.printf("%n==================== Fault drill: summary ====================%n");
        out.printf("%-34s %9s %9s %9s %6s %8s %9s %6s%n", "stream", "sent", "resent", "stored", "lost", "doubled",
                "per s", "ready");
        boolean ok = true;
        for (Outcome r : results) {
            out.printf(Locale.ROOT, "%-34s %,9d %,9d %,9d %6d %8d %,9.0f %6s%n", r.name(), r.sent(), r.republished(),
                    r.stored(), r.lost(), r.doubled(), r.stored() / r.seconds(), r.allReady() ? "all" : "NOT");
            ok &= r.lost() == 0 && r.doubled() == 0 && r.stored() == r.sent() && r.allReady();
        }
        out.println();
        fuzz.print(out);
        ok &= fuzz.ok();
        out.printf("%nVerdict: %s%n", ok ? "nothing lost, nothing doubled, every malformed input refused with a reason"
                : "FAILED (see above)");
        return ok;
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private void post(String url, String body) throws IOException {
        HttpResponse<String> answer = ServiceApi.send("POST", url, operator, body.getBytes(StandardCharsets.UTF_8),
                Map.of());
        if (answer.statusCode() >= 300) {
            throw CommandFailure.failed("POST %s answered %d: %s".formatted(url, answer.statusCode(), answer.body()));
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()), (int) (duration.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("interrupted");
        }
    }

    /** Empties {@code folder}, or makes it. */
    static void clear(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(folder);
    }
}
