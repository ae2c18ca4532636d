package kz.aqkol.devstack.launcher.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.simulator.VillageSimulator;
import kz.aqkol.devstack.simulator.VillageSimulator.Publish;

/**
 * What the village's devices do in wall-clock time, as long as the demo runs: the cameras' heartbeats every
 * 20 s, and the valve meters' answers to the commands metering-service sends them.
 */
final class VillageDevices {

    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(20);

    private VillageDevices() {
    }

    /** Starts them; shut the returned scheduler down to stop them. */
    static ScheduledExecutorService start(VillageSimulator simulator, MqttTestClient devices, MqttTestClient valves,
                                          PrintStream out) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-devices");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger round = new AtomicInteger();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                for (Publish beat : simulator.heartbeats(Instant.now(), round.getAndIncrement())) {
                    devices.publishAsync(beat.topic(), beat.bytes());
                }
            } catch (RuntimeException e) {
                out.println("  heartbeat round failed: " + e.getMessage());
            }
        }, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        AtomicInteger answered = new AtomicInteger();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                List<MqttTestClient.Received> commands = valves.received();
                for (MqttTestClient.Received command : commands.subList(answered.get(), commands.size())) {
                    String meter = command.topic().split("/")[3];
                    Publish ack = simulator.answer(meter, command.payload(), Instant.now());
                    if (ack != null) {
                        devices.publishAsync(ack.topic(), ack.bytes());
                    }
                    answered.incrementAndGet();
                }
            } catch (RuntimeException e) {
                out.println("  answering a valve command failed: " + e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
