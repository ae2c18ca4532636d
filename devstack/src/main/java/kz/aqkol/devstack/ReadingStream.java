package kz.aqkol.devstack;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Topics;

/**
 * A stream of QoS 1 readings from many meters (in m³, each meter's a minute apart from {@code from}, registers
 * rising, every id different), and the ids the broker acknowledged to the publisher: what a test that kills a
 * consumer mid-stream compares the stored readings with. Reading {@code i} is meter {@code i % meters}'s
 * {@code i / meters}-th.
 */
public final class ReadingStream {

    private final IntFunction<String> meter;
    private final int meters;
    private final int readings;
    private final Instant from;
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();

    /** {@code meter} names meter {@code 0..meters-1}. */
    public ReadingStream(IntFunction<String> meter, int meters, int readings, Instant from) {
        this.meter = meter;
        this.meters = meters;
        this.readings = readings;
        this.from = from;
    }

    /** Publishes every reading through {@code device}, as fast as the broker takes them, until all are acknowledged. */
    public void publish(MqttTestClient device) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            UUID id = UUID.randomUUID();
            int step = i / meters;
            byte[] payload = Codec.write(new MeterReading(id, from.plus(Duration.ofMinutes(step)),
                    BigDecimal.valueOf(step), MeterUnit.M3, List.of()));
            acks.add(device.publishAsync(Topics.meterReadings(meter.apply(i % meters)), payload)
                    .thenRun(() -> acknowledged.add(id)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    /** The readings the broker has acknowledged so far (a live view, filled while {@link #publish} runs). */
    public Set<UUID> acknowledged() {
        return acknowledged;
    }

    public int size() {
        return readings;
    }
}
