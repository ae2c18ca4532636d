package kz.aqkol.devstack.launcher.demo;

import java.time.Duration;
import java.time.Instant;

/** Waits until metering-service and camera-service have stored what was sent and their counts stop moving. */
final class Ingest implements Step {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public void run(Story story) throws Exception {
        story.chapter("Waiting for metering-service and camera-service to store it all");
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        long lastReadings = -1;
        long lastEvents = -1;
        int still = 0;
        while (Instant.now().isBefore(deadline)) {
            long readings = story.databases.count("metering", "select count(*) from reading");
            long events = story.databases.count("camera", "select count(*) from detection_event");
            story.eventsOnArrival = Math.max(story.eventsOnArrival, events);
            story.out.printf("  readings stored %,d (%,d sent), camera events stored %,d (%,d sent)%n", readings,
                    story.tally.readings(), events, story.tally.allEvents());
            still = readings == lastReadings && events == lastEvents ? still + 1 : 0;
            if (still >= 2 && readings >= story.tally.readings() && events >= story.tally.allEvents()) {
                return;
            }
            if (still >= 5) {
                story.out.println("  the counts stopped moving short of what was sent: see the refusals below");
                return;
            }
            lastReadings = readings;
            lastEvents = events;
            Thread.sleep(2_000);
        }
        story.out.println("  not settled after " + SETTLE_TIMEOUT.toMinutes() + " min; going on");
    }
}
