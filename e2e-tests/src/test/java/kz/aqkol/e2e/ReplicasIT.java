package kz.aqkol.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.ReadingStream;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of every service, as {@code ./aqkol up --replicas 2} runs them (one database and one MQTT share group
 * per service, a client id and a port per replica), prove that what comes in over MQTT is handled exactly once
 * between them: every message by one replica only (the replicas' own {@code aqkol_messages_handled_total} add up to
 * what was sent, each having taken a share), every effect stored once, duplicates sent on purpose skipped once. And a
 * replica killed with SIGKILL mid-stream, then started again under its old name as a StatefulSet would, loses and
 * doubles nothing the broker acknowledged to the sender. One stack for the class, its data in
 * {@code target/e2e-replicas}.
 *
 * <p>Nine more JVMs on the build machine's two cores: about two minutes through Mosquitto, four through the embedded
 * HiveMQ CE, in every {@code verify}.
 */
class ReplicasIT {

    private static final int REPLICAS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static String operator;

    @BeforeAll
    static void twoReplicasOfEverything() {
        stack = Village.launch(Village.home().resolveSibling("e2e-replicas"), REPLICAS)
                // a bill run whose replica died is taken over within seconds, not a minute
                .configure(Service.BILLING, "aqkol.billing.bill-run-lease", "PT3S")
                .configure(Service.BILLING, "aqkol.billing.bill-run-takeover-every", "1s");
        Village.start(stack);
        operator = stack.stack().tokens().issue("e2e-operator", Duration.ofHours(1), "operator");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readingsFromManyMetersAreStoredOnceWithBothMeteringReplicasTakingAShare() {
        String prefix = Village.unique("RR");
        int meters = 40;
        int perMeter = 75;
        Instant installed = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        meters(prefix, meters, installed);
        Random random = new Random(17);
        List<Message> messages = new ArrayList<>();
        int duplicates = 0;
        for (int m = 0; m < meters; m++) {
            for (int step = 0; step < perMeter; step++) {
                String topic = Topics.meterReadings(prefix + "-" + m);
                Instant at = installed.plus(Duration.ofMinutes(60 + step));
                MeterReading reading = new MeterReading(UUID.randomUUID(), at, BigDecimal.valueOf(step + 1),
                        MeterUnit.M3, List.of());
                messages.add(new Message(topic, Codec.write(reading)));
                if (random.nextInt(10) == 0) { // the meter sends it again: same message id
                    messages.add(new Message(topic, Codec.write(reading)));
                    duplicates++;
                }
                if (random.nextInt(10) == 0) { // a gateway sends it again under a new id: same meter and instant
                    messages.add(new Message(topic, Codec.write(new MeterReading(UUID.randomUUID(), at,
                            reading.register(), MeterUnit.M3, List.of()))));
                    duplicates++;
                }
            }
        }
        Collections.shuffle(messages, random);
        Counts before = counts(Service.METERING, "readings", "aqkol_readings_duplicates_total");

        publishTakingTurns(Service.METERING, "readings", "meters", messages);

        int distinct = meters * perMeter;
        await("metering-service stores " + distinct + " readings").atMost(PATIENCE)
                .until(() -> count(Service.METERING, "select count(*) from reading r join meter m on m.id = r.meter_id"
                        + " where m.id like ? and r.occurred_at > m.installed_at", prefix + "-%") >= distinct);
        Counts handled = awaitHandled(Service.METERING, "readings", "aqkol_readings_duplicates_total", before,
                messages.size());
        System.out.printf("%,d readings (%,d sent again) handled by the metering replicas: %s%n", distinct,
                duplicates, handled.handled());
        eachTookAShare(Service.METERING, handled);
        // a stalled replica's messages may be delivered again to the other (QoS 1): every extra handling is skipped
        assertThat(handled.total() - messages.size()).as("handled again after a stall, and skipped")
                .isEqualTo(handled.skipped() - duplicates).isNotNegative();
        assertThat(count(Service.METERING, "select count(*) from reading where meter_id like ?", prefix + "-%"))
                .as("stored once each (the installation's readings besides)").isEqualTo(distinct + meters);
    }

    @Test
    void detectionsAcrossTwoCameraReplicasAreStoredOnce() {
        List<String> cameras = IntStream.rangeClosed(1, 4).mapToObj(this::camera).toList();
        Random random = new Random(29);
        DetectionType[] types = {DetectionType.MOTION, DetectionType.PERSON, DetectionType.VEHICLE};
        List<Message> messages = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        int duplicates = 0;
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        for (int i = 0; i < 1_500; i++) {
            String camera = cameras.get(i % cameras.size());
            CameraEvent event = new CameraEvent(UUID.randomUUID(), start.plusMillis(1_000L * i),
                    types[i % types.length], 0.8, null, null, "nvr://" + camera + "/" + i);
            ids.add(event.id());
            messages.add(new Message(Topics.cameraEvents(camera), Codec.write(event)));
            if (random.nextInt(5) == 0) { // the camera's gateway sends it again
                messages.add(new Message(Topics.cameraEvents(camera), Codec.write(event)));
                duplicates++;
            }
        }
        Collections.shuffle(messages, random);
        Counts before = counts(Service.CAMERA, "camera-events", "aqkol_camera_events_duplicates_total");

        publishTakingTurns(Service.CAMERA, "camera-events", "cameras", messages);

        await("camera-service stores every detection").atMost(PATIENCE)
                .until(() -> new HashSet<>(storedEvents(cameras)).size() >= ids.size());
        Counts handled = awaitHandled(Service.CAMERA, "camera-events", "aqkol_camera_events_duplicates_total",
                before, messages.size());
        System.out.printf("%,d detections (%,d sent again) handled by the camera replicas: %s%n", ids.size(),
                duplicates, handled.handled());
        eachTookAShare(Service.CAMERA, handled);
        // a stalled replica's messages may be delivered again to the other (QoS 1): every extra handling is skipped
        assertThat(handled.total() - messages.size()).as("handled again after a stall, and skipped")
                .isEqualTo(handled.skipped() - duplicates).isNotNegative();
        assertThat(storedEvents(cameras)).as("each detection stored once").hasSize(ids.size())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void alertsOfOneConditionFoldIntoOneAlertAcrossTwoAlertReplicas() {
        String prefix = Village.unique("cond").toLowerCase();
        List<String> sources = List.of("camera-service", "metering-service", "billing-service");
        int conditions = 10;
        int raises = 12;
        Random random = new Random(41);
        List<Message> messages = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofMinutes(10));
        for (String source : sources) {
            for (int c = 0; c < conditions; c++) {
                for (int r = 0; r < raises; r++) {
                    AlertRaised alert = new AlertRaised(UUID.randomUUID(), start.plusSeconds(r), source,
                            "E2E_REPLICAS", Severity.MINOR, prefix + "-" + c, "raise " + r + " of condition " + c,
                            Map.of(), false);
                    messages.add(new Message(Topics.alerts(source), Codec.write(alert)));
                    if (random.nextInt(4) == 0) { // the outbox's relay died between publish and mark: sent again
                        messages.add(new Message(Topics.alerts(source), Codec.write(alert)));
                    }
                }
            }
        }
        Collections.shuffle(messages, random);
        Counts before = counts(Service.ALERT, "alerts", null);
        long remembered = count(Service.ALERT, "select count(*) from alert_message", null);

        publish("alerts", messages);

        int expected = sources.size() * conditions * raises;
        await("alert-service counts every raise").atMost(PATIENCE).until(() -> occurrences(alerts(prefix, 2))
                >= expected);
        // alert-service may take in other services' alerts meanwhile: each is one more message remembered
        long others = count(Service.ALERT, "select count(*) from alert_message", null) - remembered - expected;
        Counts handled = awaitHandled(Service.ALERT, "alerts", null, before, messages.size() + others);
        System.out.printf("%,d alerts (%,d messages) handled by the alert replicas: %s%n", expected,
                messages.size(), handled.handled());
        assertThat(handled.total()).as("every message handled").isGreaterThanOrEqualTo(messages.size() + others);
        if (stack.stack().broker().isMosquitto()) { // it alternates; HiveMQ CE may give one member everything
            eachTookAShare(Service.ALERT, handled);
        }
        for (int replica = 1; replica <= REPLICAS; replica++) {
            List<Map<String, Object>> alerts = alerts(prefix, replica);
            assertThat(alerts).as("one alert per source and condition, as replica %d lists them", replica)
                    .hasSize(sources.size() * conditions);
            assertThat(alerts).allSatisfy(alert -> assertThat(((Number) alert.get("occurrences")).intValue())
                    .as("occurrences of %s from %s", alert.get("subject"), alert.get("source")).isEqualTo(raises));
        }
    }

    @Test
    void aLateReadingTakenByEitherReplicaCorrectsTheBillOnce() {
        String meter = Village.unique("G");
        String account = Village.unique("AQ");
        YearMonth billed = Village.lastMonth();
        Instant monthEnd = Village.startOf(billed.plusMonths(1));
        as(Service.METERING, 2).body("""
                        {"id":"%s","utility":"GAS","unit":"M3","registerDigits":6,"hasValve":true,"zone":"e2e",
                         "accountNumber":"%s","installedAt":"%s","initialRegister":0}"""
                        .formatted(meter, account, Village.startOf(billed).minus(Duration.ofDays(1))))
                .when().post("/meters").then().statusCode(201);
        as(Service.BILLING, 2).body("""
                        {"number":"%s","holder":"E2E resident","address":"Abai st. 7","zone":"e2e",
                         "socialCategory":"NONE"}""".formatted(account))
                .when().post("/accounts").then().statusCode(201);
        await("billing hears the meter is the account's").atMost(PATIENCE).until(() -> count(Service.BILLING,
                "select count(*) from meter_assignment where meter_id = ?", meter) >= 1);
        try (MqttTestClient device = mqtt("late-meter")) {
            Village.reading(device, meter, Village.startOf(billed), "5");
            Village.reading(device, meter, Instant.now(), "105");
            await("both readings stored").atMost(PATIENCE).until(() -> count(Service.METERING,
                    "select count(*) from reading where meter_id = ?", meter) >= 3);
            String run = as(Service.BILLING, 2)
                    .body("{\"period\":\"%s\",\"accounts\":[\"%s\"]}".formatted(billed, account))
                    .when().post("/bill-runs").then().statusCode(202).extract().path("id");
            await("bill run " + run + " finishes").atMost(PATIENCE).until(() -> as(Service.BILLING, 1)
                    .when().get("/bill-runs/" + run).then().statusCode(200).extract().path("status"),
                    status -> !"RUNNING".equals(status));
            assertThat(invoices(account)).hasSize(1);

            // the month's last reading comes late, and twice: once more under its id, once from a gateway's copy
            MeterReading late = new MeterReading(UUID.randomUUID(), monthEnd, new BigDecimal("15"), MeterUnit.M3,
                    List.of());
            device.publish(Topics.meterReadings(meter), Codec.write(late));
            device.publish(Topics.meterReadings(meter), Codec.write(late));
            device.publish(Topics.meterReadings(meter), Codec.write(new MeterReading(UUID.randomUUID(), monthEnd,
                    late.register(), MeterUnit.M3, List.of())));
        }

        await("billing-service issues a credit note for " + account).atMost(PATIENCE)
                .until(() -> invoices(account).size() >= 2);
        // both metering replicas look for corrections every 2 s: a second credit note would come within a few passes
        await("no second credit note").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .until(() -> invoices(account).size() == 2);
        List<Map<String, Object>> invoices = invoices(account);
        Map<String, Object> original = invoices.get(1);
        assertThat(invoices.get(0)).containsEntry("kind", "CREDIT_NOTE")
                .containsEntry("originalInvoice", original.get("id"))
                .containsEntry("totalTiyn", (int) (((Number) original.get("totalTiyn")).longValue() - 30_000));
    }

    @Test
    void aMeteringReplicaKilledMidStreamLosesAndDoublesNothingTheBrokerAcknowledged() throws Exception {
        String prefix = Village.unique("KILL");
        int meters = 50;
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
        meters(prefix, meters, from.minus(Duration.ofHours(1)));
        ReadingStream readings = new ReadingStream(m -> prefix + "-" + m, meters, 20_000, from);
        String stored = "select count(*) from reading r join meter m on m.id = r.meter_id"
                + " where m.id like ? and r.occurred_at > m.installed_at";
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (MqttTestClient device = mqtt("kill-meters")) {
                readings.publish(device);
            }
        });

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> count(Service.METERING, stored, prefix + "-%") >= readings.size() / 4);
        stack.kill(Service.METERING, 2);
        long storedAtKill = count(Service.METERING, stored, prefix + "-%");
        await("replica 1 goes on alone").atMost(PATIENCE).until(() -> {
            long now = count(Service.METERING, stored, prefix + "-%");
            return now >= storedAtKill + 1_000 || now >= readings.size();
        });
        long storedAlone = count(Service.METERING, stored, prefix + "-%") - storedAtKill;
        stack.start(Service.METERING, 2); // its old name, client id and persistent session, as a StatefulSet's pod
        publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        await("every acknowledged reading stored").atMost(PATIENCE)
                .until(() -> count(Service.METERING, stored, prefix + "-%") >= readings.acknowledged().size());
        await("nothing stored twice later").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> count(Service.METERING, stored, prefix + "-%") == readings.size());
        System.out.printf("Replica 2 killed with %,d of %,d readings stored; replica 1 alone stored %,d more%n",
                storedAtKill, readings.size(), storedAlone);
        assertThat(readings.acknowledged()).hasSize(readings.size());
        assertThat(storedAtKill).as("killed mid-stream").isLessThan(readings.size());
        assertThat(storedReadings(prefix, meters)).as("the very readings that were acknowledged, each once")
                .hasSize(readings.size()).containsExactlyInAnyOrderElementsOf(readings.acknowledged());
    }

    @Test
    void eachReplicasLiveStreamShowsTheAlertsTheOtherTookIn() throws Exception {
        String prefix = Village.unique("live").toLowerCase();
        List<Queue<String>> streams = new ArrayList<>();
        List<CompletableFuture<?>> clients = new ArrayList<>();
        for (int replica = 1; replica <= REPLICAS; replica++) {
            Queue<String> lines = new ConcurrentLinkedQueue<>();
            clients.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(stack.url(Service.ALERT, replica)
                            + "/alerts/stream")).header("Authorization", "Bearer " + operator)
                            .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(lines::add)));
            streams.add(lines);
        }
        try {
            // connected once a probe raised through replica 1 shows on both streams
            Set<String> probes = ConcurrentHashMap.newKeySet();
            await("both streams connected").atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (probes.stream().anyMatch(p -> streams.stream().allMatch(lines -> seen(lines, p) > 0))) {
                    return true;
                }
                probes.add(raise(1, prefix + "-probe-" + probes.size()));
                return false;
            });
            List<String> ids = new ArrayList<>();
            for (int replica = 1; replica <= REPLICAS; replica++) {
                for (int i = 0; i < 5; i++) { // taken in by this replica: raised through its API
                    ids.add(raise(replica, prefix + "-rest-" + replica + "-" + i));
                }
            }
            await("every alert on both streams").atMost(PATIENCE).until(() -> streams.stream()
                    .allMatch(lines -> ids.stream().allMatch(id -> seen(lines, id) > 0)));
            for (int replica = 1; replica <= REPLICAS; replica++) {
                Queue<String> lines = streams.get(replica - 1);
                assertThat(ids).as("alerts opened through either replica, on replica %d's stream, once each",
                        replica).allSatisfy(id -> assertThat(seen(lines, id)).isEqualTo(1));
            }
        } finally {
            clients.forEach(client -> client.cancel(true));
        }
    }

    @Test
    void aBillRunWhoseReplicaIsKilledIsCompletedByTheOtherInvoicingEveryAccountOnce() throws Exception {
        YearMonth billed = Village.lastMonth();
        int count = 30;
        List<String> accounts = new ArrayList<>();
        try (MqttTestClient device = mqtt("billed-meters")) {
            for (int i = 0; i < count; i++) {
                String meter = Village.unique("BG");
                String account = Village.unique("AQ");
                as(Service.METERING, 1 + i % REPLICAS).body("""
                                {"id":"%s","utility":"GAS","unit":"M3","registerDigits":6,"hasValve":false,
                                 "zone":"e2e","accountNumber":"%s","installedAt":"%s","initialRegister":0}"""
                                .formatted(meter, account, Village.startOf(billed).minus(Duration.ofDays(1))))
                        .when().post("/meters").then().statusCode(201);
                as(Service.BILLING, 1 + i % REPLICAS).body("""
                                {"number":"%s","holder":"E2E resident","address":"Abai st. %d","zone":"e2e",
                                 "socialCategory":"NONE"}""".formatted(account, i))
                        .when().post("/accounts").then().statusCode(201);
                Village.reading(device, meter, Village.startOf(billed), "5");
                Village.reading(device, meter, Village.startOf(billed.plusMonths(1)), Integer.toString(15 + i));
                accounts.add(account);
            }
        }
        await("every meter's readings stored").atMost(PATIENCE).until(() -> count(Service.METERING,
                "select count(*) from reading r join meter m on m.id = r.meter_id where m.account_number = any(?)"
                        + " and r.occurred_at > m.installed_at", accounts) >= 2L * count);
        await("billing hears every meter's account").atMost(PATIENCE).until(() -> count(Service.BILLING,
                "select count(*) from meter_assignment where account_number = any(?)", accounts) >= count);

        // metering-service's replica 1, which billing asks for consumption, holds still (SIGSTOP): the run cannot
        // get past its first step before billing's replica 1, which carries it, is killed
        long metering = stack.pid(Service.METERING, 1);
        signal("STOP", metering);
        String run;
        try {
            run = as(Service.BILLING, 1).body("{\"period\":\"%s\",\"accounts\":[\"%s\"]}"
                            .formatted(billed, String.join("\",\"", accounts)))
                    .when().post("/bill-runs").then().statusCode(202).extract().path("id");
            await("replica 1 carries the run").atMost(PATIENCE).until(() -> "local".equals(billRun(run, 2)
                    .get("runner")));
            stack.kill(Service.BILLING, 1);
        } finally {
            signal("CONT", metering);
        }

        Map<String, Object> finished = await("replica 2 takes the run over and completes it").atMost(PATIENCE)
                .until(() -> billRun(run, 2), view -> !"RUNNING".equals(view.get("status")));
        System.out.printf("Bill run %s: %s%n", run, finished);
        assertThat(finished).containsEntry("status", "COMPLETED").containsEntry("runner", "local-2");
        assertThat(((Number) finished.get("takeovers")).intValue()).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> outcomes = (Map<String, Object>) finished.get("outcomes");
        assertThat(((Number) outcomes.get("INVOICED")).intValue() + ((Number) outcomes.get("ALREADY_INVOICED"))
                .intValue()).as("every account invoiced").isEqualTo(count);
        assertThat(count(Service.BILLING, "select count(*) from invoice where account_number = any(?)"
                + " and kind = 'INVOICE'", accounts)).as("one invoice each").isEqualTo(count);
        stack.start(Service.BILLING, 1); // as a StatefulSet starts its pod again, under its old name
    }

    @Test
    void aLeakSeenByBothMeteringReplicasIsOneAlertRaisedOnce() {
        String meter = Village.unique("W");
        String account = Village.unique("AQ");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(26));
        as(Service.METERING, 2).body("""
                        {"id":"%s","utility":"WATER","unit":"M3","registerDigits":6,"hasValve":true,"zone":"e2e",
                         "accountNumber":"%s","installedAt":"%s","initialRegister":0}"""
                        .formatted(meter, account, start.minus(Duration.ofHours(1))))
                .when().post("/meters").then().statusCode(201);
        try (MqttTestClient device = mqtt("leaking-meter")) {
            BigDecimal register = new BigDecimal("10");
            for (int hour = 0; hour <= 25; hour++) { // a dripping tap: never an hour without flow
                Village.reading(device, meter, start.plus(Duration.ofHours(hour)), register.toPlainString());
                register = register.add(new BigDecimal("0.04"));
            }
        }
        await("a leak alert about " + meter).atMost(PATIENCE.multipliedBy(2))
                .until(() -> alertsAbout("meter:" + meter), list -> !list.isEmpty());
        // both replicas look for flow every 2 s: a second raise would count the alert up within a few passes
        await("raised once").during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .until(() -> occurrences(alertsAbout("meter:" + meter)) == 1);
        assertThat(alertsAbout("meter:" + meter)).singleElement().satisfies(alert -> assertThat(alert)
                .containsEntry("type", "LEAK").containsEntry("occurrences", 1));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Opens an alert through replica {@code replica}'s API, as an operator; its id. */
    private static String raise(int replica, String subject) {
        return as(Service.ALERT, replica).body("""
                        {"id":"%s","occurredAt":"%s","source":"person.e2e-operator","type":"E2E_LIVE",
                         "severity":"WARNING","subject":"%s","summary":"live","labels":{},"resolved":false}"""
                        .formatted(UUID.randomUUID(), Instant.now(), subject))
                .when().post("/alerts").then().statusCode(200).extract().jsonPath().getList("id", String.class)
                .get(0);
    }

    private static long seen(Queue<String> lines, String id) {
        return lines.stream().filter(l -> l.startsWith("data:") && l.contains(id)).count();
    }

    private static List<Map<String, Object>> alertsAbout(String subject) {
        List<Map<String, Object>> all = as(Service.ALERT, 1).queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(alert -> subject.equals(alert.get("subject"))).toList();
    }

    private static Map<String, Object> billRun(String id, int replica) {
        return as(Service.BILLING, replica).when().get("/bill-runs/" + id).then().statusCode(200).extract()
                .jsonPath().getMap("");
    }

    /** Sends a process a signal, as {@code kill -SIGNAL pid} does. */
    private static void signal(String signal, long pid) {
        try {
            assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor())
                    .as("kill -%s %d", signal, pid).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    private record Message(String topic, byte[] payload) {
    }

    /** What the replicas of a service have handled on a channel, and skipped as duplicates, each. */
    private record Counts(List<Long> handled, List<Long> duplicates) {

        long total() {
            return handled.stream().mapToLong(Long::longValue).sum();
        }

        long skipped() {
            return duplicates.stream().mapToLong(Long::longValue).sum();
        }

        Counts minus(Counts before) {
            return new Counts(IntStream.range(0, handled.size())
                    .mapToObj(i -> handled.get(i) - before.handled.get(i)).toList(),
                    IntStream.range(0, duplicates.size())
                            .mapToObj(i -> duplicates.get(i) - before.duplicates.get(i)).toList());
        }
    }

    private static Counts counts(Service service, String channel, String duplicates) {
        List<Long> handled = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (int replica = 1; replica <= REPLICAS; replica++) {
            String metrics = metrics(service, replica);
            handled.add(metric(metrics, "aqkol_messages_handled_total{", "channel=\"" + channel + "\""));
            skipped.add(duplicates == null ? 0 : metric(metrics, duplicates, ""));
        }
        return new Counts(handled, skipped);
    }

    /** Waits until the replicas have handled {@code sent} messages between them since {@code before}, and a bit. */
    private static Counts awaitHandled(Service service, String channel, String duplicates, Counts before,
                                       long sent) {
        await(service.module() + "'s replicas handle " + sent + " messages").atMost(PATIENCE)
                .until(() -> counts(service, channel, duplicates).minus(before).total() >= sent);
        // a message delivered again shows up as handled again: give it time to
        AtomicReference<Counts> last = new AtomicReference<>();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .until(() -> counts(service, channel, duplicates).equals(last.getAndSet(
                        counts(service, channel, duplicates))));
        return counts(service, channel, duplicates).minus(before);
    }

    /** Each replica handled some of the messages; if not, what its MQTT client received and acknowledged. */
    private static void eachTookAShare(Service service, Counts handled) {
        StringBuilder clients = new StringBuilder();
        for (int replica = 1; replica <= REPLICAS; replica++) {
            String metrics = metrics(service, replica);
            clients.append(" replica %d received %d, acknowledged %d;".formatted(replica,
                    metric(metrics, "aqkol_mqtt_received_total", ""),
                    metric(metrics, "aqkol_mqtt_acknowledged_total", "")));
        }
        assertThat(handled.handled()).as("each replica took a share (since it started:%s)", clients)
                .allSatisfy(n -> assertThat(n).isPositive());
    }

    private static String metrics(Service service, int replica) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service, replica) + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("no metrics from " + service.module() + " replica " + replica, e);
        }
    }

    /** The sum of the series whose line starts with {@code series} and contains {@code label}. */
    private static long metric(String metrics, String series, String label) {
        return (long) metrics.lines().filter(line -> line.startsWith(series) && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static RequestSpecification as(Service service, int replica) {
        return given().baseUri(stack.url(service, replica)).auth().oauth2(operator).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static MqttTestClient mqtt(String name) {
        return MqttTestClient.connect(stack.stack().broker().host(), stack.stack().broker().port(),
                "e2e-replicas-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Publishes half the messages while replica 1 holds still (SIGSTOP, as in a long GC pause or on a starved node),
     * until replica 2 has handled some, then the other half while replica 2 holds still, until replica 1 has: the
     * broker must hand a stalled member's share to the other, and what the stalled one had received is handled once
     * it goes on. Left alone, the embedded HiveMQ CE may give one member everything: it offers messages only to a
     * member with none in flight.
     */
    private static void publishTakingTurns(Service service, String channel, String name, List<Message> messages) {
        int half = messages.size() / 2;
        for (int stalled = 1; stalled <= REPLICAS; stalled++) {
            int other = REPLICAS + 1 - stalled;
            long handledBefore = handled(service, other, channel);
            long pid = stack.pid(service, stalled);
            signal("STOP", pid);
            try {
                publish(name, stalled == 1 ? messages.subList(0, half) : messages.subList(half, messages.size()));
                await(service.module() + " replica " + other + " goes on while " + stalled + " holds still")
                        .atMost(PATIENCE).until(() -> handled(service, other, channel) > handledBefore);
            } finally {
                signal("CONT", pid);
            }
        }
    }

    private static long handled(Service service, int replica, String channel) {
        return metric(metrics(service, replica), "aqkol_messages_handled_total{", "channel=\"" + channel + "\"");
    }

    /** Publishes every message at QoS 1 and returns once the broker has acknowledged them all. */
    private static void publish(String name, List<Message> messages) {
        try (MqttTestClient device = mqtt(name)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>(messages.size());
            for (Message message : messages) {
                acks.add(device.publishAsync(message.topic(), message.payload()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Gas meters {@code <prefix>-0..n-1}, registered through one replica or the other. */
    private static void meters(String prefix, int count, Instant installed) {
        for (int m = 0; m < count; m++) {
            as(Service.METERING, 1 + m % REPLICAS).body("""
                            {"id":"%s-%d","utility":"GAS","unit":"M3","registerDigits":8,"hasValve":false,
                             "zone":"e2e","installedAt":"%s","initialRegister":0}""".formatted(prefix, m, installed))
                    .when().post("/meters").then().statusCode(201);
        }
    }

    /** A camera in a PUBLIC zone of its own, registered through replica {@code n % 2 + 1}; its id. */
    private String camera(int n) {
        String zone = Village.unique("z").toLowerCase();
        String camera = Village.unique("CAM");
        int replica = 1 + n % REPLICAS;
        as(Service.CAMERA, replica).body("{\"id\":\"%s\",\"name\":\"Replicas\",\"privacyClass\":\"PUBLIC\"}"
                .formatted(zone)).when().post("/zones").then().statusCode(201);
        as(Service.CAMERA, replica).body("""
                        {"id":"%s","name":"Replicas %d","location":"Market square","zone":"%s","kind":"FIXED",
                         "latitude":52.0,"longitude":70.9}""".formatted(camera, n, zone))
                .when().post("/cameras").then().statusCode(201);
        return camera;
    }

    /** alert-service's alerts of this test, as replica {@code replica} lists them to an operator. */
    private static List<Map<String, Object>> alerts(String prefix, int replica) {
        List<Map<String, Object>> all = as(Service.ALERT, replica).queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(alert -> String.valueOf(alert.get("subject")).startsWith(prefix + "-")).toList();
    }

    private static long occurrences(List<Map<String, Object>> alerts) {
        return alerts.stream().mapToLong(alert -> ((Number) alert.get("occurrences")).longValue()).sum();
    }

    /** The resident's invoices, newest first, as they see them (through replica 1). */
    private static List<Map<String, Object>> invoices(String account) {
        return given().baseUri(stack.url(Service.BILLING, 1)).accept(ContentType.JSON)
                .auth().oauth2(stack.stack().tokens().issue(account, Duration.ofHours(1), "resident"))
                .when().get("/me/invoices").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static long count(Service service, String sql, Object parameter) {
        try (Connection db = stack.stack().postgres().connect(service.database());
             PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter instanceof List<?> keys) {
                statement.setArray(1, db.createArrayOf("text", keys.toArray()));
            } else if (parameter != null) {
                statement.setString(1, (String) parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static List<UUID> storedEvents(List<String> cameras) {
        return ids(Service.CAMERA, "select id from detection_event where camera_id = any(?)", cameras);
    }

    private static List<UUID> storedReadings(String prefix, int meters) {
        return ids(Service.METERING, "select r.id from reading r join meter m on m.id = r.meter_id"
                + " where m.id = any(?) and r.occurred_at > m.installed_at",
                IntStream.range(0, meters).mapToObj(m -> prefix + "-" + m).toList());
    }

    /** The ids the query selects, as many times as it selects them. */
    private static List<UUID> ids(Service service, String sql, List<String> keys) {
        try (Connection db = stack.stack().postgres().connect(service.database());
             PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("text", keys.toArray()));
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
