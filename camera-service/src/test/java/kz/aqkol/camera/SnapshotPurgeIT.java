package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.devstack.FootageRecorder;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** A purge reaches the footage: each purged event's snapshot is deleted at the recorder, and the receipt says so. */
@QuarkusTest
class SnapshotPurgeIT {

    @Test
    void eachPurgedSnapshotIsDeletedAtTheRecorderAFailureIsRetriedAndTheReceiptShowsEveryOutcome() {
        FootageRecorder recorder = FootageRecorderResource.recorder();
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        Instant old = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(40)); // PERSON: 30 d
        String kept = "nvr://" + camera + "/kept";
        String busy = "nvr://" + camera + "/busy once";
        String gone = "nvr://" + camera + "/never kept";
        UUID[] ids = new UUID[3];
        try (MqttTestClient device = TestStack.mqtt()) {
            List<String> refs = List.of(kept, busy, gone);
            for (int i = 0; i < refs.size(); i++) {
                ids[i] = UUID.randomUUID();
                device.publish(kz.aqkol.contracts.Topics.cameraEvents(camera),
                        Fixtures.event(ids[i], old.plusSeconds(i), "PERSON", null, refs.get(i)));
            }
        }
        Fixtures.stored(ids);
        recorder.store(kept);
        recorder.store(busy);
        recorder.failNext(busy, 1); // the recorder is busy the first time it is asked

        String operator = Fixtures.person(Fixtures.unique("olga"), Roles.OPERATOR);
        JsonPath receipt = given().auth().oauth2(operator).contentType("application/json").when()
                .post("/retention/purge").then().statusCode(200)
                .extract().jsonPath();
        String id = receipt.getString("id");
        assertThat(receipt.getLong("snapshots.PENDING")).as("queued with the events' deletion").isGreaterThanOrEqualTo(3);

        await("the recorder deleted both snapshots it held").atMost(Duration.ofSeconds(40))
                .until(() -> !recorder.holds(kept) && !recorder.holds(busy) && outcome(operator, id, gone) != null
                        && !"PENDING".equals(outcome(operator, id, gone).get("status"))
                        && "DELETED".equals(outcome(operator, id, busy).get("status")));
        assertThat(outcome(operator, id, kept)).containsEntry("status", "DELETED").containsEntry("attempts", 1);
        assertThat(outcome(operator, id, busy)).as("refused once with 503, then deleted")
                .containsEntry("status", "DELETED").containsEntry("attempts", 2).containsEntry("lastError", null);
        assertThat(outcome(operator, id, gone)).as("the recorder had none: nothing of it is left there")
                .containsEntry("status", "ABSENT");
        assertThat(recorder.deleteRequests()).filteredOn(busy::equals).hasSize(2);

        String auditor = Fixtures.person(Fixtures.unique("aida"), Roles.AUDITOR);
        JsonPath listed = given().auth().oauth2(auditor).when().get("/retention/receipts").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Integer> snapshots = listed.getMap("find { it.id == '" + id + "' }.snapshots");
        assertThat(snapshots.get("DELETED")).isGreaterThanOrEqualTo(2);
        assertThat(snapshots.get("ABSENT")).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, "AQ-0001")).when()
                .get("/retention/receipts/" + id + "/snapshots").then().statusCode(403);
    }

    @Test
    void aRecorderThatRefusesOurCredentialsKeepsTheSnapshotWaitingWithTheReasonUntilTheTokenIsRight()
            throws Exception {
        FootageRecorder recorder = FootageRecorderResource.recorder();
        String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
        String ref = "nvr://" + camera + "/after rotation";
        UUID event = UUID.randomUUID();
        try (MqttTestClient device = TestStack.mqtt()) {
            device.publish(kz.aqkol.contracts.Topics.cameraEvents(camera), Fixtures.event(event,
                    Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(40)), "PERSON", null, ref));
        }
        Fixtures.stored(event);
        recorder.store(ref);
        String rotated = UUID.randomUUID().toString();
        recorder.requireToken(rotated); // the recorder's administrator changed its token; our secret is still the old

        String operator = Fixtures.person(Fixtures.unique("olga"), Roles.OPERATOR);
        String id = given().auth().oauth2(operator).contentType("application/json").when()
                .post("/retention/purge").then().statusCode(200).extract().path("id");
        await("the recorder refused the deletion").atMost(Duration.ofSeconds(40))
                .until(() -> outcome(operator, id, ref) != null && outcome(operator, id, ref).get("lastError") != null);
        assertThat(outcome(operator, id, ref)).containsEntry("status", "PENDING");
        assertThat((String) outcome(operator, id, ref).get("lastError")).contains("401").contains("credentials");
        assertThat(recorder.holds(ref)).as("refused, so still on the recorder, and the receipt says so").isTrue();

        Files.writeString(FootageRecorderResource.tokenFile(), rotated); // the secret is updated; no restart
        await("deleted with the new token").atMost(Duration.ofSeconds(60))
                .until(() -> "DELETED".equals(outcome(operator, id, ref).get("status")));
        assertThat(recorder.holds(ref)).isFalse();
    }

    /** The receipt's line about one snapshot, or null. */
    private static Map<String, Object> outcome(String operator, String receipt, String ref) {
        List<Map<String, Object>> all = given().auth().oauth2(operator).when()
                .get("/retention/receipts/" + receipt + "/snapshots").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(d -> ref.equals(d.get("snapshotRef"))).findFirst().orElse(null);
    }
}
