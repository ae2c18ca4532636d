package kz.aqkol.devstack.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import kz.aqkol.contracts.AccountStatus;
import kz.aqkol.contracts.AccountStatusChanged;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.CommandResult;
import kz.aqkol.contracts.ConsumptionCorrected;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.contracts.ValveState;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.Mutator.Mutation;

/**
 * The malformed-input part of the fault drill. Every payload and body is made from a valid message by one
 * {@link Mutation} that breaks its contract for certain (so each must be refused, none may be taken), by a
 * {@link Mutator} with a seeded random source so a run can be repeated. MQTT: each consuming service must dead-letter exactly what it was sent,
 * in its {@code dead_letter} table and on {@code aqkol/v1/dlq/<service>}. HTTP: each body must get a 4xx answer in
 * {@code application/problem+json}. Afterwards every service must be ready, in the same process as before.
 */
final class Fuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 2026;

    /**
     * A topic (of the i-th message: a device topic names a different device each time), the service that consumes
     * it, a valid message for it and the fields a mutation breaks.
     */
    private record Target(Service consumer, IntFunction<String> topic, byte[] valid, String required,
                          String badValueField) {
    }

    /** An HTTP endpoint, a valid body for it and the field a mutation breaks. */
    private record Endpoint(Service service, String path, String valid, String required, String badValueField,
                            boolean resident) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final LocalStack stack;
    private final String operator;
    private final PrintStream out;
    private final int count;
    private final Mutator mutator = new Mutator(SEED);

    Fuzz(LocalStack stack, String operator, PrintStream out, int count) {
        this.stack = stack;
        this.operator = operator;
        this.out = out;
        this.count = count;
    }

    /**
     * What the fuzzing found. The {@code dead_letter} table keeps one row per distinct topic and payload (a QoS 1
     * redelivery is the same bytes, and a malformed payload has no message id to tell copies apart), so it is
     * compared with the distinct ones sent; the DLQ topic carries one dead letter per message received.
     */
    record Result(Map<Service, Long> mqttSent, Map<Service, Long> distinctSent, Map<Service, Long> deadLettered,
                  Map<Service, Long> dlqTopic, long dlqWithoutReason, Map<String, Long> reasons, int httpSent,
                  Map<String, Long> httpAnswers, long httpWrong, Map<Service, Boolean> sameProcess,
                  Map<Service, Boolean> ready, Map<Mutation, Long> mutations) {

        boolean ok() {
            return distinctSent.equals(deadLettered) && mqttSent.equals(dlqTopic) && dlqWithoutReason == 0
                    && httpWrong == 0 && !sameProcess.containsValue(false) && !ready.containsValue(false);
        }

        void print(PrintStream out) {
            out.printf("Fuzzed MQTT payloads, by consuming service: sent %s%n", mqttSent);
            out.printf("  dead letters on aqkol/v1/dlq/+     %s, %d without a reason%n", dlqTopic, dlqWithoutReason);
            out.printf("  distinct topic+payload sent        %s%n", distinctSent);
            out.printf("  rows added to dead_letter          %s%n", deadLettered);
            out.printf("  mutations used                     %s%n", mutations);
            out.println("  most frequent reasons given:");
            reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> out.printf("    %5d x %s%n", e.getValue(), e.getKey()));
            out.printf("Fuzzed HTTP bodies: %,d sent; answers %s; not a 4xx problem+json: %d%n", httpSent,
                    httpAnswers, httpWrong);
            out.printf("Services afterwards: ready %s, same process as before (never restarted) %s%n", ready,
                    sameProcess);
        }
    }

    Result run() throws Exception {
        out.printf("%n== fuzz: %,d malformed MQTT payloads and %,d malformed HTTP bodies (seed %d)%n", count, count,
                SEED);
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            pids.put(service, stack.pid(service));
        }
        Map<Service, Long> before = deadLetters();
        DevStack servers = stack.stack();
        List<Target> targets = targets();
        Map<Service, Long> sent = new EnumMap<>(Service.class);
        Map<Service, Set<String>> distinct = new EnumMap<>(Service.class);
        Map<Mutation, Long> used = new EnumMap<>(Mutation.class);
        Map<Service, Long> onTopic = new EnumMap<>(Service.class);
        Map<String, Long> reasons = new TreeMap<>();
        long withoutReason = 0;
        try (MqttTestClient dlq = MqttTestClient.connect(servers.broker().host(), servers.broker().port(),
                "drill-dlq-" + UUID.randomUUID().toString().substring(0, 6)).subscribe(Topics.DEAD_LETTERS);
             MqttTestClient device = MqttTestClient.connect(servers.broker().host(), servers.broker().port(),
                     "drill-fuzz-" + UUID.randomUUID().toString().substring(0, 6))) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            Mutation[] mutations = Mutation.values();
            for (int i = 0; i < count; i++) {
                Target target = targets.get(i % targets.size());
                Mutation mutation = mutations[(i / targets.size()) % mutations.length];
                String topic = target.topic().apply(i);
                byte[] payload = mutator.mutate(target.valid(), mutation, target.required(), target.badValueField());
                acks.add(device.publishAsync(topic, payload));
                sent.merge(target.consumer(), 1L, Long::sum);
                distinct.computeIfAbsent(target.consumer(), s -> new HashSet<>()).add(digest(topic, payload));
                used.merge(mutation, 1L, Long::sum);
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            out.printf("    %,d published, all acknowledged by the broker%n", count);
            Map<Service, Long> expected = new EnumMap<>(Service.class);
            distinct.forEach((service, set) -> expected.put(service, before.getOrDefault(service, 0L) + set.size()));
            awaitDeadLetters(expected, dlq, sent);
            for (MqttTestClient.Received letter : dlq.received()) {
                String service = letter.topic().substring(letter.topic().lastIndexOf('/') + 1);
                for (Service s : Service.values()) {
                    if (s.module().equals(service)) {
                        onTopic.merge(s, 1L, Long::sum);
                    }
                }
                String reason = JSON.readTree(letter.payload()).path("reason").asText("");
                if (reason.isBlank()) {
                    withoutReason++;
                } else {
                    reasons.merge(service + ": " + general(reason), 1L, Long::sum);
                }
            }
        }
        Map<Service, Long> after = deadLetters();
        Map<Service, Long> deadLettered = new EnumMap<>(Service.class);
        sent.keySet().forEach(s -> deadLettered.put(s, after.get(s) - before.get(s)));

        int httpSent = 0;
        Map<String, Long> answers = new TreeMap<>();
        long wrong = 0;
        List<Endpoint> endpoints = endpoints();
        Mutation[] httpMutations = Arrays.stream(Mutation.values()).filter(m -> !m.mqttOnly())
                .toArray(Mutation[]::new);
        String resident = stack.stack().tokens().issue("AQ-DRILL", Duration.ofHours(1), "resident");
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get(i % endpoints.size());
            Mutation mutation = httpMutations[(i / endpoints.size()) % httpMutations.length];
            byte[] body = mutator.mutate(endpoint.valid().getBytes(UTF_8), mutation, endpoint.required(),
                    endpoint.badValueField());
            Answer answer = send(stack.url(endpoint.service()) + endpoint.path(),
                    endpoint.resident() ? resident : operator, body,
                    Map.of("Idempotency-Key", "drill-" + i));
            httpSent++;
            answers.merge(Integer.toString(answer.status()), 1L, Long::sum);
            boolean problem = answer.status() >= 400 && answer.status() < 500
                    && answer.contentType().startsWith("application/problem+json");
            if (!problem) {
                wrong++;
                if (wrong <= 5) {
                    out.printf("    NOT REFUSED as it should be: %s %s (%s) answered %d %s: %s%n",
                            endpoint.service().module(), endpoint.path(), mutation, answer.status(),
                            answer.contentType(), abbreviate(answer.body()));
                }
            }
        }
        out.printf("    %,d bodies sent%n", httpSent);

        Map<Service, Boolean> same = new EnumMap<>(Service.class);
        Map<Service, Boolean> ready = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            same.put(service, pids.get(service) == stack.pid(service));
            ready.put(service, stack.isReady(service));
        }
        Map<Service, Long> distinctSent = new EnumMap<>(Service.class);
        distinct.forEach((service, set) -> distinctSent.put(service, (long) set.size()));
        return new Result(sent, distinctSent, deadLettered, onTopic, withoutReason, reasons, httpSent, answers, wrong,
                same, ready, used);
    }

    private void awaitDeadLetters(Map<Service, Long> expected, MqttTestClient dlq, Map<Service, Long> sent)
            throws SQLException {
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        Instant lastMove = Instant.now();
        Map<Service, Long> seen = Map.of();
        long seenOnTopic = -1;
        while (Duration.between(lastMove, Instant.now()).toSeconds() < 30) {
            Map<Service, Long> now = deadLetters();
            long onTopic = dlq.receivedCount();
            if (!now.equals(seen) || onTopic != seenOnTopic) {
                lastMove = Instant.now();
                seen = now;
                seenOnTopic = onTopic;
            }
            boolean stored = expected.entrySet().stream().allMatch(e -> now.get(e.getKey()) >= e.getValue());
            if (stored && onTopic >= total) {
                return;
            }
            FaultDrill.pause(Duration.ofMillis(500));
        }
    }

    private Map<Service, Long> deadLetters() throws SQLException {
        Map<Service, Long> counts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            try (Connection db = stack.stack().postgres().connect(service.database());
                 ResultSet result = db.createStatement().executeQuery("select count(*) from dead_letter")) {
                result.next();
                counts.put(service, result.getLong(1));
            }
        }
        return counts;
    }

    private static String digest(String topic, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(topic.getBytes(UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reason without the parts that differ from message to message (numbers, quoted values), to group by. */
    private static String general(String reason) {
        String general = reason.replaceAll("'[^']*'|\"[^\"]*\"", "'…'").replaceAll("\\d{2,}", "N");
        return general.length() <= 110 ? general : general.substring(0, 110) + "…";
    }

    // ---------------------------------------------------------------------------------------------- inputs

    private static List<Target> targets() {
        Instant now = Instant.now();
        return List.of(
                new Target(Service.METERING, i -> Topics.meterReadings("FUZZ-M" + i),
                        Codec.write(new MeterReading(UUID.randomUUID(), now, new BigDecimal("12.5"), MeterUnit.M3,
                                List.of())), "register", "unit"),
                new Target(Service.METERING, i -> Topics.meterCommandAcks("FUZZ-M" + i),
                        Codec.write(new ValveCommandAck(UUID.randomUUID(), now, UUID.randomUUID(),
                                CommandResult.DONE, ValveState.CLOSED)), "commandId", "result"),
                new Target(Service.METERING, i -> Topics.ACCOUNT_STATUS, Codec.write(new AccountStatusChanged(
                        UUID.randomUUID(), now, "AQ-FUZZ", AccountStatus.BLOCKED, AccountStatus.ACTIVE, "fuzz")),
                        "accountNumber", "status"),
                new Target(Service.CAMERA, i -> Topics.cameraEvents("FUZZ-C" + i),
                        Codec.write(new CameraEvent(UUID.randomUUID(), now, DetectionType.MOTION, 0.5, null, null,
                                null)), "type", "type"),
                new Target(Service.CAMERA, i -> Topics.cameraStatus("FUZZ-C" + i),
                        Codec.write(new CameraStatus(UUID.randomUUID(), now, true, "1.0", 50)), "online",
                        "storageFreePct"),
                new Target(Service.ALERT, i -> Topics.alerts("fault-drill"), Codec.write(new AlertRaised(
                        UUID.randomUUID(), now, "fault-drill", "DRILL", Severity.MINOR, "drill:fuzz", "fuzzed",
                        Map.of(), false)), "severity", "severity"),
                new Target(Service.BILLING, i -> Topics.CONSUMPTION_CORRECTIONS, Codec.write(new ConsumptionCorrected(
                        UUID.randomUUID(), now, "FUZZ-M1", "AQ-FUZZ", now.minus(Duration.ofDays(30)), now,
                        BigDecimal.ONE, BigDecimal.TEN, MeterUnit.M3, "fuzz")), "meterId", "unit"),
                new Target(Service.BILLING, i -> Topics.METER_ASSIGNMENTS, Codec.write(new MeterAssignmentChanged(
                        UUID.randomUUID(), now, "FUZZ-M1", 1L, List.of(new MeterAssignmentChanged.Assignment(
                        "AQ-FUZZ", now.minus(Duration.ofDays(30)), null)), "fuzz")), "meterId", "version"));
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Service.METERING, "/meters", """
                        {"id":"FUZZ-NEW","utility":"GAS","unit":"M3","registerDigits":6,"hasValve":false}""",
                        "utility", "unit", false),
                new Endpoint(Service.METERING, "/meters/DRILL-S-0/valve-commands", """
                        {"command":"CLOSE_VALVE","reason":"drill"}""", "command", "command", false),
                new Endpoint(Service.BILLING, "/accounts", """
                        {"number":"AQ-FUZZ-NEW","holder":"Fuzz","address":"Drill st. 1","zone":"drill",
                         "socialCategory":"NONE"}""", "number", "socialCategory", false),
                new Endpoint(Service.BILLING, "/tariffs", """
                        {"utility":"GAS","effectiveFrom":"2030-01-01","unit":"M3","standingChargeTiyn":0,
                         "blocks":[{"priceTiyn":100}],"reason":"drill"}""", "utility", "effectiveFrom", false),
                new Endpoint(Service.BILLING, "/me/payments", """
                        {"amountTiyn":100,"currency":"KZT","toWallet":true}""", "amountTiyn",
                        "currency", true),
                new Endpoint(Service.CAMERA, "/zones", """
                        {"id":"fuzz-zone","name":"Fuzz","privacyClass":"PUBLIC"}""", "id", "privacyClass", false),
                new Endpoint(Service.CAMERA, "/cameras", """
                        {"id":"FUZZ-CAM","name":"Fuzz","zone":"fuzz-zone","kind":"FIXED"}""", "zone", "latitude",
                        false),
                new Endpoint(Service.ALERT, "/alerts", """
                        {"id":"%s","occurredAt":"%s","source":"person.fault-drill","type":"DRILL","severity":"MINOR",
                         "subject":"drill:http","summary":"fuzzed"}""".formatted(UUID.randomUUID(), Instant.now()),
                        "severity", "severity", false));
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private static Answer send(String url, String token, byte[] body, Map<String, String> headers) {
        try {
            HttpResponse<String> response = ServiceApi.send("POST", url, token, body, headers);
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Answer(0, "", "no answer: " + e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
