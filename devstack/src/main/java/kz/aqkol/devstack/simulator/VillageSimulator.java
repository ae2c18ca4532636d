package kz.aqkol.devstack.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.CommandResult;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveCommand;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.contracts.ValveState;
import kz.aqkol.devstack.simulator.Village.Anomaly;
import kz.aqkol.devstack.simulator.Village.Camera;
import kz.aqkol.devstack.simulator.Village.Household;
import kz.aqkol.devstack.simulator.Village.Meter;

/**
 * Lives the village's span step by step in simulated time and hands every device message, in the order devices
 * would send them, to a consumer: each meter's reading (cumulative register, rounded as the meter shows it, wrapped
 * at its digits), each camera's detections, and the few things a device cannot do over MQTT (a meter swap, which
 * an operator records over REST). Payloads are written with the contracts' {@link Codec} and ids are drawn from
 * the seed, so one seed always gives the very same messages, byte for byte. Nothing here touches a network: the
 * caller publishes.
 */
public final class VillageSimulator {

    /** What the simulator asks its caller to do, in order. */
    public sealed interface Step {
        /** The simulated time the step belongs to. */
        Instant at();
    }

    /** What a message is, for counting. */
    public enum Kind { READING, DUPLICATE, EVENT, HEARTBEAT, ACK }

    /** An MQTT message to publish at QoS 1. */
    public record Publish(String topic, String payload, Instant at, Kind kind) implements Step {
        public byte[] bytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * An operator swaps {@code meter} at {@code at}: its final register, and the successor that starts from 0 then
     * (metering-service's {@code POST /meters/{id}/replacement}; billing must hear of the new meter too).
     */
    public record Replace(Meter meter, Instant at, BigDecimal finalRegister, String successorId)
            implements Step {
    }

    /** What was sent, by the simulator's own count (the services' counts are the demo's business). */
    public record Tally(long readings, long duplicates, long lateReadings, long wrapped,
                        Map<DetectionType, Long> events, long replacements) {
        public long events(DetectionType type) {
            return events.getOrDefault(type, 0L);
        }

        public long allEvents() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** How long the leaking household's cistern runs before the end. */
    static final Duration LEAK_DAYS = Duration.ofDays(4);
    /** How long before the end the tampered meter is wound back. */
    static final Duration TAMPER_BEFORE_END = Duration.ofHours(10);
    /** How far back the tampered register goes. */
    static final BigDecimal TAMPER_KWH = BigDecimal.valueOf(250);
    /** The late meter holds back its readings from day 9 to day 12 of the span. */
    static final Duration LATE_FROM = Duration.ofDays(8);
    static final Duration LATE_UNTIL = Duration.ofDays(11);
    /** The replaced meter is swapped on the 15th at 11:30, between two readings. */
    static final Duration REPLACED_AT = Duration.ofDays(14).plusHours(11).plusMinutes(30);
    /** The fire: 30 hours before the end. */
    static final Duration FIRE_BEFORE_END = Duration.ofHours(30);
    /** A leaking cistern: m3 an hour. */
    static final double LEAK_PER_HOUR = 0.02;

    private final Village village;
    private final VillageSettings settings;
    private volatile Consumer<String> recording = snapshot -> { };

    public VillageSimulator(Village village) {
        this.village = village;
        this.settings = village.settings();
    }

    /**
     * Where the cameras' recordings go: each detection's snapshot (its event's {@code snapshotRef}) is handed to
     * {@code recorder} as the camera sees it, so a purge finds it there to delete.
     */
    public VillageSimulator recordingTo(Consumer<String> recorder) {
        this.recording = recorder;
        return this;
    }

    /** Runs the whole span, handing each step to {@code sink} as it is due; returns what it sent. */
    public Tally run(Consumer<Step> sink) {
        Random random = new Random(settings.seed() * 31 + 7);
        Counter counter = new Counter();
        List<MeterState> meters = new ArrayList<>();
        for (Household household : village.households()) {
            for (Meter meter : household.meters()) {
                meters.add(new MeterState(household, meter));
            }
        }
        List<String> plates = plates(new Random(settings.seed() + 1), 30);
        double stepHours = settings.readingEvery().toMillis() / 3_600_000.0;
        Instant end = settings.to();
        Instant tamperAt = end.minus(TAMPER_BEFORE_END);
        Instant leakFrom = end.minus(LEAK_DAYS);
        Instant lateFrom = settings.from().plus(LATE_FROM);
        Instant lateUntil = settings.from().plus(LATE_UNTIL);
        Instant replaceAt = settings.from().plus(REPLACED_AT);
        Instant fireAt = end.minus(FIRE_BEFORE_END).plus(Duration.ofMinutes(17));

        for (Instant t = settings.from().plus(settings.readingEvery()); !t.isAfter(end);
             t = t.plus(settings.readingEvery())) {
            Instant stepStart = t.minus(settings.readingEvery());
            LocalDateTime local = LocalDateTime.ofInstant(stepStart, settings.zone());
            for (MeterState state : meters) {
                Meter meter = state.meter;
                double used = Profiles.sample(meter.utility(), local, stepHours, state.household.size(), random);
                if (meter.has(Anomaly.LEAK) && !stepStart.isBefore(leakFrom)) {
                    used += LEAK_PER_HOUR * stepHours * (0.9 + 0.2 * random.nextDouble());
                }
                state.register = state.register.add(BigDecimal.valueOf(used));
                if (meter.has(Anomaly.TAMPER) && within(tamperAt, stepStart, t)) {
                    state.register = state.register.subtract(TAMPER_KWH).max(BigDecimal.ZERO);
                }
                if (meter.has(Anomaly.REPLACED) && within(replaceAt, stepStart, t) && !state.replaced) {
                    // the step's use up to the swap went through the old meter: it closes with that
                    BigDecimal finalRegister = state.shown();
                    sink.accept(new Replace(meter, replaceAt, finalRegister, meter.successorId()));
                    counter.replacements++;
                    state.replaced = true;
                    state.id = meter.successorId();
                    state.register = BigDecimal.ZERO;
                    state.digits = 6;
                    continue; // the new meter's first reading is at its installation, recorded by the swap
                }
                Publish reading = state.reading(t, random);
                counter.readings++;
                if (!state.wrapCounted && state.register.compareTo(BigDecimal.TEN.pow(state.digits)) >= 0) {
                    state.wrapCounted = true;
                    counter.wrapped++;
                }
                if (meter.has(Anomaly.LATE_BATCH) && !t.isBefore(lateFrom) && t.isBefore(lateUntil)) {
                    state.held.add(reading);
                    counter.late++;
                    continue;
                }
                if (!state.held.isEmpty()) {
                    state.held.forEach(sink);
                    state.held.clear();
                }
                sink.accept(reading);
                if (meter.has(Anomaly.DUPLICATES)) {
                    duplicates(state, reading, local, random, sink, counter);
                }
            }
            for (Camera camera : village.cameras()) {
                events(camera, stepStart, local, stepHours, plates, random, sink, counter);
                if (camera.seesFire() && within(fireAt, stepStart, t)) {
                    sink.accept(event(camera, fireAt, DetectionType.SMOKE, 0.82, null, random, counter));
                    sink.accept(event(camera, fireAt.plus(Duration.ofMinutes(4)), DetectionType.FIRE, 0.94, null,
                            random, counter));
                }
            }
        }
        return new Tally(counter.readings, counter.duplicates, counter.late, counter.wrapped,
                new LinkedHashMap<>(counter.events), counter.replacements);
    }

    /**
     * Heartbeats of every camera at wall-clock time {@code now} (camera-service judges a camera by its latest
     * heartbeat, so these cannot be simulated in the past). The camera that goes silent says {@code online:false}
     * in round 1 and nothing after that. Deterministic for a seed and round.
     */
    public List<Publish> heartbeats(Instant now, int round) {
        Random random = new Random(settings.seed() * 1_000_003 + round);
        List<Publish> beats = new ArrayList<>();
        for (Camera camera : village.cameras()) {
            if (camera.goesSilent() && round > 1) {
                continue;
            }
            boolean online = !(camera.goesSilent() && round == 1);
            int storage = 30 + random.nextInt(60);
            CameraStatus status = new CameraStatus(uuid(random), now, online, "5.7.3", storage);
            beats.add(new Publish(Topics.cameraStatus(camera.id()), json(status), now, Kind.HEARTBEAT));
        }
        return beats;
    }

    /**
     * A valve meter's answer to a command from the platform ({@code aqkol/v1/meters/{id}/commands}): done, with the
     * valve in the state asked for, on {@code .../commands/ack}; null for a meter without a valve or one the village
     * does not have. The ack's id derives from the command's, so answering twice sends the same message.
     */
    public Publish answer(String meterId, byte[] commandPayload, Instant now) {
        boolean valve = village.meters().stream()
                .anyMatch(m -> m.hasValve() && (m.id().equals(meterId) || m.successorId().equals(meterId)));
        if (!valve) {
            return null;
        }
        ValveCommand command = Codec.read(commandPayload, ValveCommand.class);
        ValveState state = command.command() == ValveAction.CLOSE_VALVE ? ValveState.CLOSED : ValveState.OPEN;
        UUID id = UUID.nameUUIDFromBytes(("ack:" + command.id()).getBytes(StandardCharsets.UTF_8));
        ValveCommandAck ack = new ValveCommandAck(id, now, command.id(), CommandResult.DONE, state);
        return new Publish(Topics.meterCommandAcks(meterId), json(ack), now, Kind.ACK);
    }

    /** Every morning at 6 the meter sends its last readings again under the same ids; every 7th day once more. */
    private void duplicates(MeterState state, Publish reading, LocalDateTime local, Random random,
                            Consumer<Step> sink, Counter counter) {
        state.recent.addLast(reading);
        while (state.recent.size() > 6) {
            state.recent.removeFirst();
        }
        if (local.getHour() == 6 && local.getMinute() == 0) {
            for (Publish again : state.recent) {
                sink.accept(new Publish(again.topic(), again.payload(), again.at(), Kind.DUPLICATE));
                counter.duplicates++;
            }
            if (local.getDayOfMonth() % 7 == 0) {
                // the same instant and register under a new id: metering keeps one reading per meter and instant
                MeterReading last = Codec.read(reading.bytes(), MeterReading.class);
                MeterReading copy = new MeterReading(uuid(random), last.occurredAt(), last.register(), last.unit(),
                        last.flags());
                sink.accept(new Publish(reading.topic(), json(copy), reading.at(), Kind.DUPLICATE));
                counter.duplicates++;
            }
        }
    }

    private void events(Camera camera, Instant stepStart, LocalDateTime local, double hours, List<String> plates,
                        Random random, Consumer<Step> sink, Counter counter) {
        int h = local.getHour();
        boolean weekday = local.getDayOfWeek().getValue() <= 5;
        boolean day = h >= 7 && h < 21;
        boolean schoolRun = weekday && (h == 7 || h == 8 || h == 13 || h == 14);
        Map<DetectionType, Double> rates = new EnumMap<>(DetectionType.class);
        switch (camera.zone()) {
            case "school-gate" -> {
                rates.put(DetectionType.PLATE, schoolRun ? 8.0 : day ? 0.5 : 0.0);
                rates.put(DetectionType.PERSON, schoolRun ? 6.0 : day ? 0.5 : 0.02);
            }
            case "central-square" -> {
                rates.put(DetectionType.PERSON, day ? 3.0 : 0.2);
                rates.put(DetectionType.VEHICLE, day ? 2.0 : 0.3);
                rates.put(DetectionType.MOTION, 1.0);
                rates.put(DetectionType.CROWD, local.getDayOfWeek().getValue() == 6 && h == 18 ? 1.0 : 0.0);
            }
            default -> {
                rates.put(DetectionType.PERSON, day ? 1.0 : 0.1);
                rates.put(DetectionType.MOTION, 0.5);
                rates.put(DetectionType.VEHICLE, day ? 0.5 : 0.0);
            }
        }
        for (Map.Entry<DetectionType, Double> rate : rates.entrySet()) {
            int count = poisson(rate.getValue() * hours, random);
            for (int i = 0; i < count; i++) {
                Instant at = stepStart.plusSeconds(random.nextInt((int) Math.max(1, hours * 3600)));
                DetectionType type = rate.getKey();
                String plate = type == DetectionType.PLATE || (type == DetectionType.VEHICLE && camera.kind()
                        .equals("ANPR")) ? plates.get(random.nextInt(plates.size())) : null;
                sink.accept(event(camera, at, type, 0.6 + random.nextInt(40) / 100.0, plate, random, counter));
            }
        }
    }

    private Publish event(Camera camera, Instant at, DetectionType type, double confidence, String plate,
                          Random random, Counter counter) {
        CameraEvent event = new CameraEvent(uuid(random), at, type, confidence, camera.zone(), plate,
                "nvr://" + camera.id().toLowerCase() + "/" + at);
        recording.accept(event.snapshotRef());
        counter.events.merge(type, 1L, Long::sum);
        return new Publish(Topics.cameraEvents(camera.id()), json(event), at, Kind.EVENT);
    }

    private static boolean within(Instant instant, Instant from, Instant until) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }

    private static int poisson(double mean, Random random) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** Plates of the village's cars, Kazakh style: three digits, three letters, the region (02). */
    static List<String> plates(Random random, int count) {
        String letters = "ABCEHKMOPTXY";
        List<String> plates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder plate = new StringBuilder("%03d".formatted(random.nextInt(1000)));
            for (int j = 0; j < 3; j++) {
                plate.append(letters.charAt(random.nextInt(letters.length())));
            }
            plates.add(plate.append("02").toString());
        }
        return plates;
    }

    /** A version-4 UUID from the seeded generator. */
    static UUID uuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String json(kz.aqkol.contracts.AqkolMessage message) {
        return new String(Codec.write(message), StandardCharsets.UTF_8);
    }

    private static final class Counter {
        long readings;
        long duplicates;
        long late;
        long wrapped;
        long replacements;
        final Map<DetectionType, Long> events = new EnumMap<>(DetectionType.class);
    }

    /** One meter as it runs: its true (unwrapped) register and what it has not sent yet. */
    private static final class MeterState {
        final Household household;
        final Meter meter;
        String id;
        int digits;
        BigDecimal register;
        boolean replaced;
        boolean wrapCounted;
        final List<Publish> held = new ArrayList<>();
        final Deque<Publish> recent = new ArrayDeque<>();

        MeterState(Household household, Meter meter) {
            this.household = household;
            this.meter = meter;
            this.id = meter.id();
            this.digits = meter.registerDigits();
            this.register = meter.initialRegister();
        }

        /** The register as the meter's display shows it: rounded to its decimals, wrapped at its digits. */
        BigDecimal shown() {
            BigDecimal wrap = BigDecimal.TEN.pow(digits);
            return register.setScale(meter.utility().scale(), RoundingMode.HALF_UP).remainder(wrap);
        }

        Publish reading(Instant at, Random random) {
            MeterReading reading = new MeterReading(uuid(random), at, shown(), meter.utility().unit(), null);
            return new Publish(Topics.meterReadings(id), json(reading), at, Kind.READING);
        }
    }
}
