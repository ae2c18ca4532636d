package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.simulator.Village.Household;
import kz.aqkol.devstack.simulator.VillageSettings;
import kz.aqkol.devstack.simulator.VillageSimulator;
import kz.aqkol.devstack.simulator.VillageSimulator.Publish;
import kz.aqkol.devstack.simulator.VillageSimulator.Replace;

/**
 * The simulated span, sent over MQTT at QoS 1 as fast as the broker acknowledges; a meter swap on the way is
 * recorded with metering-service and billing-service over REST, once what came before it is acknowledged.
 */
final class VillageRun implements Step {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final VillageSimulator simulator;
    private final MqttTestClient devices;

    VillageRun(VillageSimulator simulator, MqttTestClient devices) {
        this.simulator = simulator;
        this.devices = devices;
    }

    @Override
    public void run(Story story) {
        VillageSettings settings = story.settings;
        story.chapter("Running the village from %s to %s over MQTT (QoS 1), as fast as the broker acknowledges",
                story.day(settings.from()), story.day(settings.to()));
        ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long totalDays = Duration.between(settings.from(), settings.to()).toDays() + 1;
        Instant[] nextProgress = {Instant.now().plus(PROGRESS_EVERY)};
        Instant start = Instant.now();
        VillageSimulator.Tally tally = simulator.run(step -> {
            if (step instanceof Publish publish) {
                CompletableFuture<Void> acked = devices.publishAsync(publish.topic(), publish.bytes());
                acked.whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
                pending.add(acked);
                published.incrementAndGet();
                if (pending.size() > 5_000) {
                    pending.removeIf(CompletableFuture::isDone);
                }
            } else if (step instanceof Replace replace) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
                replaceMeter(story, replace);
            }
            if (Instant.now().isAfter(nextProgress[0])) {
                long dayNumber = Duration.between(settings.from(), step.at()).toDays() + 1;
                story.out.printf("  %s (day %d of %d): %,d messages published%n", story.day(step.at()), dayNumber,
                        totalDays, published.get());
                nextProgress[0] = Instant.now().plus(PROGRESS_EVERY);
            }
        });
        pending.forEach(f -> f.exceptionally(e -> null).join());
        Duration took = Duration.between(start, Instant.now());
        story.out.printf("  done: %,d messages in %d s (%,d readings, %,d of them sent late, %,d duplicates; %,d "
                        + "camera events; %d meter swapped; broker refused %d)%n", published.get(), took.toSeconds(),
                tally.readings(), tally.lateReadings(), tally.duplicates(), tally.allEvents(), tally.replacements(),
                failed.get());
        story.tally = tally;
    }

    /**
     * The operator records the swap with metering-service only: the successor inherits the account, and billing hears
     * of it from metering-service's published meter history.
     */
    private static void replaceMeter(Story story, Replace replace) {
        DemoApi api = story.api;
        Household household = story.village.households().stream()
                .filter(h -> h.meters().contains(replace.meter())).findFirst().orElseThrow();
        ObjectNode body = DemoApi.JSON.createObjectNode().put("at", replace.at().toString())
                .put("finalRegister", replace.finalRegister());
        body.set("newMeter", Provisioning.meterBody(replace.successorId(), replace.meter(), household, 6, "0",
                replace.at()));
        api.call("POST", api.url(Service.METERING) + "/meters/" + replace.meter().id() + "/replacement", api.operator,
                body);
        story.out.printf("  %s: meter %s swapped for %s at register %s (metering-service told over REST; billing "
                        + "follows its meter history)%n",
                story.day(replace.at()), replace.meter().id(), replace.successorId(),
                replace.finalRegister().toPlainString());
    }
}
