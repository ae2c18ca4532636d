package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.devstack.FootageRecorder;
import kz.aqkol.devstack.launcher.Service;

/**
 * The retention purge reaching the footage. The simulated cameras kept each detection's snapshot at the recorder; an
 * operator runs camera-service's purge, which deletes the events past their class's retention and asks the recorder
 * (with its token) to delete each one's snapshot, and the purge's receipt says what became of every one.
 */
final class FootagePurge implements Step {

    private static final int PATIENCE_SECONDS = 90;

    private final FootageRecorder recorder;

    FootagePurge(FootageRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void run(Story story) throws Exception {
        DemoApi api = story.api;
        String camera = api.url(Service.CAMERA);
        story.chapter("The retention purge reaches the footage: POST /retention/purge, then the recorder deletes "
                + "each purged event's snapshot");
        int held = recorder.count();
        JsonNode receipt = api.call("POST", camera + "/retention/purge", api.operator, null);
        String id = receipt.path("id").asText();
        Map<String, Integer> outcomes = outcomes(api, camera, id);
        Instant deadline = Instant.now().plusSeconds(PATIENCE_SECONDS);
        while (outcomes.getOrDefault("PENDING", 0) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            outcomes = outcomes(api, camera, id);
        }
        String line = ("purge %s: %,d events past their retention deleted (%s), their snapshots at the recorder %s; "
                + "the recorder held %,d snapshots, now %,d (GET /retention/receipts/%s/snapshots)")
                .formatted(id, receipt.path("purged").asLong(), receipt.path("counts"), outcomes, held,
                        recorder.count(), id);
        story.out.println("  " + line);
        story.purgeLine = line;
    }

    /** How many of the receipt's snapshots are DELETED, ABSENT or still PENDING. */
    private static Map<String, Integer> outcomes(DemoApi api, String camera, String receipt) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode deletion : api.call("GET", camera + "/retention/receipts/" + receipt + "/snapshots?limit=5000",
                api.operator, null)) {
            counts.merge(deletion.path("status").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
