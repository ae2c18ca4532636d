package kz.aqkol.devstack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.CommandResult;
import kz.aqkol.contracts.ValveAction;
import kz.aqkol.contracts.ValveCommand;
import kz.aqkol.contracts.ValveCommandAck;
import kz.aqkol.contracts.ValveState;
import kz.aqkol.devstack.simulator.Village.Anomaly;
import kz.aqkol.devstack.simulator.Village.Meter;
import kz.aqkol.devstack.simulator.Village.Utility;
import kz.aqkol.devstack.simulator.VillageSimulator.Kind;
import kz.aqkol.devstack.simulator.VillageSimulator.Publish;
import kz.aqkol.devstack.simulator.VillageSimulator.Replace;
import kz.aqkol.devstack.simulator.VillageSimulator.Step;
import org.junit.jupiter.api.Test;

class VillageSimulatorTest {

    private static final Instant FROM = ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, VillageSettings.ALMATY).toInstant();
    private static final Instant TO = FROM.plus(Duration.ofDays(20));

    private static VillageSettings settings(long seed) {
        return new VillageSettings(seed, 10, 4, FROM, TO, Duration.ofHours(1), VillageSettings.ALMATY);
    }

    private static List<Step> run(long seed) {
        List<Step> steps = new ArrayList<>();
        new VillageSimulator(Village.generate(settings(seed))).run(steps::add);
        return steps;
    }

    @Test
    void theSameSeedGivesTheSameMessagesByteForByte() {
        List<Step> first = run(42);
        List<Step> second = run(42);
        assertThat(first).hasSizeGreaterThan(10_000).isEqualTo(second);
        assertThat(Village.generate(settings(42))).isEqualTo(Village.generate(settings(42)));
        VillageSimulator simulator = new VillageSimulator(Village.generate(settings(42)));
        Instant now = Instant.parse("2026-11-26T21:00:00Z");
        assertThat(simulator.heartbeats(now, 3)).isEqualTo(simulator.heartbeats(now, 3));
    }

    @Test
    void anotherSeedGivesAnotherVillage() {
        List<String> first = run(42).stream().filter(s -> s instanceof Publish).limit(200)
                .map(s -> ((Publish) s).payload()).toList();
        List<String> other = run(43).stream().filter(s -> s instanceof Publish).limit(200)
                .map(s -> ((Publish) s).payload()).toList();
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void everyMessageKeepsToTheContracts() {
        Set<UUID> ids = new HashSet<>();
        long duplicates = 0;
        for (Step step : run(7)) {
            if (!(step instanceof Publish publish)) {
                continue;
            }
            assertThat(publish.bytes().length).isLessThan(Codec.MAX_PAYLOAD_BYTES);
            if (publish.topic().endsWith("/readings")) {
                MeterReading reading = Codec.read(publish.bytes(), MeterReading.class);
                assertThat(reading.occurredAt()).isAfter(FROM).isBeforeOrEqualTo(TO);
                if (!ids.add(reading.id())) {
                    assertThat(publish.kind()).isEqualTo(Kind.DUPLICATE);
                    duplicates++;
                }
            } else {
                assertThat(publish.topic()).matches("aqkol/v1/cameras/CAM-\\d{3}/events");
                CameraEvent event = Codec.read(publish.bytes(), CameraEvent.class);
                assertThat(ids.add(event.id())).isTrue();
            }
        }
        assertThat(duplicates).isPositive();
        VillageSimulator simulator = new VillageSimulator(Village.generate(settings(7)));
        for (Publish beat : simulator.heartbeats(Instant.now(), 0)) {
            assertThat(Codec.read(beat.bytes(), CameraStatus.class).online()).isTrue();
        }
    }

    @Test
    void theTallyCountsWhatWasSent() {
        List<Step> steps = new ArrayList<>();
        VillageSimulator.Tally tally = new VillageSimulator(Village.generate(settings(5))).run(steps::add);
        Map<Kind, Long> kinds = steps.stream().filter(s -> s instanceof Publish)
                .collect(Collectors.groupingBy(s -> ((Publish) s).kind(), Collectors.counting()));
        assertThat(kinds.get(Kind.READING)).isEqualTo(tally.readings());
        assertThat(kinds.get(Kind.DUPLICATE)).isEqualTo(tally.duplicates());
        assertThat(kinds.get(Kind.EVENT)).isEqualTo(tally.allEvents());
        assertThat(tally.events(DetectionType.FIRE)).isEqualTo(1);
        assertThat(tally.events(DetectionType.PLATE)).isPositive();
        assertThat(tally.lateReadings()).isEqualTo(72);
        assertThat(tally.replacements()).isEqualTo(1);
        assertThat(tally.wrapped()).isEqualTo(2);
    }

    @Test
    void aValveMeterAnswersItsCommands() {
        Village village = Village.generate(settings(3));
        VillageSimulator simulator = new VillageSimulator(village);
        Meter water = village.meters().stream().filter(m -> m.utility() == Utility.WATER).findFirst().orElseThrow();
        Meter electricity = village.meters().stream().filter(m -> m.utility() == Utility.ELECTRICITY).findFirst()
                .orElseThrow();
        UUID commandId = UUID.randomUUID();
        byte[] close = Codec.write(new ValveCommand(commandId, Instant.now(), ValveAction.CLOSE_VALVE, "leak"));
        Instant now = Instant.parse("2026-11-26T21:00:00Z");
        Publish answer = simulator.answer(water.id(), close, now);
        assertThat(answer.topic()).isEqualTo(Topics.meterCommandAcks(water.id()));
        ValveCommandAck ack = Codec.read(answer.bytes(), ValveCommandAck.class);
        assertThat(ack.commandId()).isEqualTo(commandId);
        assertThat(ack.result()).isEqualTo(CommandResult.DONE);
        assertThat(ack.valve()).isEqualTo(ValveState.CLOSED);
        assertThat(simulator.answer(water.id(), close, now)).isEqualTo(answer);
        assertThat(simulator.answer(electricity.id(), close, now)).as("no valve").isNull();
    }

    @Test
    void householdsFollowTheirDailyRhythm() {
        LocalDate day = LocalDate.of(2026, 11, 10);
        double gas = 0;
        double water = 0;
        double electricity = 0;
        for (int h = 0; h < 24; h++) {
            LocalDateTime hour = day.atTime(h, 0);
            gas += Profiles.mean(Utility.GAS, hour);
            water += Profiles.mean(Utility.WATER, hour);
            electricity += Profiles.mean(Utility.ELECTRICITY, hour);
            if (h < 5) {
                assertThat(Profiles.mean(Utility.GAS, hour)).as("no cooking at %d h", h).isZero();
                assertThat(Profiles.mean(Utility.WATER, hour)).as("no water at %d h", h).isZero();
            }
        }
        assertThat(gas).isBetween(1.0, 2.0);
        assertThat(water).isBetween(0.3, 0.7);
        assertThat(electricity).isBetween(6.0, 12.0);
        assertThat(Profiles.mean(Utility.ELECTRICITY, day.atTime(19, 0)))
                .isGreaterThan(3 * Profiles.mean(Utility.ELECTRICITY, day.atTime(3, 0)));
        // heat: none before the season starts on 15 October, more on a colder day
        assertThat(Profiles.mean(Utility.HEAT, LocalDate.of(2026, 10, 10).atTime(3, 0))).isZero();
        double november = Profiles.mean(Utility.HEAT, LocalDate.of(2026, 11, 25).atTime(3, 0));
        assertThat(november).isPositive()
                .isGreaterThan(Profiles.mean(Utility.HEAT, LocalDate.of(2026, 10, 20).atTime(3, 0)));
        assertThat(november * 24 * 30).as("Gcal a month").isBetween(0.5, 4.0);
        // samples stay near the mean: ±30 %, or nothing
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            double sample = Profiles.sample(Utility.WATER, day.atTime(7, 0), 1, 1, random);
            assertThat(sample == 0 || (sample >= 0.035 && sample <= 0.065)).isTrue();
        }
    }

    @Test
    void theMisbehavingMetersMisbehaveAndTheOthersDoNot() {
        Village village = Village.generate(settings(11));
        Map<String, List<MeterReading>> byMeter = new HashMap<>();
        List<String> publishedOrder = new ArrayList<>();
        List<Replace> replacements = new ArrayList<>();
        new VillageSimulator(village).run(step -> {
            if (step instanceof Replace replace) {
                replacements.add(replace);
            } else if (step instanceof Publish p && p.kind() == Kind.READING) {
                String meter = p.topic().split("/")[3];
                byMeter.computeIfAbsent(meter, m -> new ArrayList<>()).add(Codec.read(p.bytes(), MeterReading.class));
                publishedOrder.add(meter);
            }
        });
        for (Anomaly anomaly : Anomaly.values()) {
            assertThat(village.metersWith(anomaly)).as(anomaly.name()).hasSize(anomaly == Anomaly.ROLLOVER ? 2 : 1);
        }

        // the leak: flow in every one of the last 24 hours; every other gas and water meter has a dry hour each day
        for (Meter meter : village.meters()) {
            if (meter.utility() != Utility.GAS && meter.utility() != Utility.WATER || meter.has(Anomaly.REPLACED)) {
                continue;
            }
            List<MeterReading> readings = byMeter.get(meter.id());
            List<BigDecimal> last = readings.subList(readings.size() - 25, readings.size()).stream()
                    .map(MeterReading::register).toList();
            boolean flowEveryHour = true;
            for (int i = 1; i < last.size(); i++) {
                flowEveryHour &= last.get(i).compareTo(last.get(i - 1)) != 0;
            }
            assertThat(flowEveryHour).as("flow in every hour of the last day of %s", meter.id())
                    .isEqualTo(meter.has(Anomaly.LEAK));
        }

        // the tamper: one step backwards, in the last day, on the tampered meter only
        for (Meter meter : village.meters()) {
            List<MeterReading> readings = byMeter.get(meter.id());
            if (readings == null) {
                continue;
            }
            BigDecimal half = BigDecimal.TEN.pow(meter.registerDigits()).divide(BigDecimal.valueOf(2));
            int backwards = 0;
            int wraps = 0;
            for (int i = 1; i < readings.size(); i++) {
                BigDecimal delta = readings.get(i).register().subtract(readings.get(i - 1).register());
                if (delta.signum() < 0 && delta.negate().compareTo(half) > 0) {
                    wraps++;
                } else if (delta.signum() < 0) {
                    backwards++;
                    assertThat(readings.get(i).occurredAt()).isAfter(TO.minus(Duration.ofDays(1)));
                }
                assertThat(readings.get(i).register().precision() - readings.get(i).register().scale())
                        .isLessThanOrEqualTo(meter.registerDigits());
            }
            assertThat(backwards).as("backward steps of %s", meter.id()).isEqualTo(meter.has(Anomaly.TAMPER) ? 1 : 0);
            assertThat(wraps).as("rollovers of %s", meter.id()).isEqualTo(meter.has(Anomaly.ROLLOVER) ? 1 : 0);
        }

        // the late batch: three days of readings arrive after later readings of other meters
        Meter late = village.metersWith(Anomaly.LATE_BATCH).get(0);
        List<MeterReading> lateReadings = byMeter.get(late.id());
        assertThat(lateReadings).isSortedAccordingTo((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        assertThat(lateReadings).hasSize(20 * 24);

        // the swap: the old meter's readings stop before it, the successor's start after it
        assertThat(replacements).hasSize(1);
        Replace swap = replacements.get(0);
        assertThat(byMeter.get(swap.meter().id())).allSatisfy(r -> assertThat(r.occurredAt()).isBefore(swap.at()));
        assertThat(byMeter.get(swap.successorId())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.occurredAt()).isAfter(swap.at()));
        assertThat(Topics.meterReadings(swap.successorId())).isNotBlank();
    }
}
