package kz.aqkol.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertIntakeIT {

    @TestHTTPResource("/alerts/stream")
    URL stream;

    @Test
    void aThousandIdenticalAlertsMakeOneAlertCountingAThousand() {
        String subject = "meter:" + Fixtures.unique("G");
        try (MqttTestClient meter = TestStack.mqtt()) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                acks.add(meter.publishAsync(Fixtures.METERING_ALERTS, Fixtures.alert(subject, "LEAK", "MAJOR",
                        "\"zone\":\"north\"", false).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Fixtures.operator())
                .queryParam("label", "zone=north").queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200)
                .body("items.findAll { it.subject == '" + subject + "' }", hasSize(1))
                .body("items.find { it.subject == '" + subject + "' }.occurrences", equalTo(1000)));
    }

    @Test
    void alertmanagersOwnJsonIsTakenAndEndsAtResolvesIt() {
        String instance = Fixtures.unique("host") + ":9100";
        String firing = """
                [{"labels": {"alertname": "NodeDown", "job": "node", "instance": "%s", "severity": "critical"},
                  "annotations": {"summary": "Node is down", "description": "%s has not answered for 5 minutes"},
                  "startsAt": "%s", "endsAt": "%s",
                  "generatorURL": "http://prometheus.local:9090/graph?g0.expr=up%%3D%%3D0"}]"""
                .formatted(instance, instance, Instant.now().minusSeconds(60), Instant.now().plusSeconds(300));
        String token = TestStack.token(Roles.SERVICE, "prometheus");
        given().auth().oauth2(token).contentType("application/json").body(firing)
                .when().post("/api/v2/alerts").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body(firing)
                .when().post("/api/v2/alerts").then().statusCode(200);

        given().auth().oauth2(token).queryParam("filter", "instance=" + instance)
                .when().get("/api/v2/alerts").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].labels.alertname", equalTo("NodeDown"))
                .body("[0].labels.severity", equalTo("CRITICAL"))
                .body("[0].status.state", equalTo("active"));
        given().auth().oauth2(Fixtures.operator()).queryParam("source", "prometheus").queryParam("label",
                        "instance=" + instance)
                .when().get("/alerts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].occurrences", equalTo(1)).body("items[0].status",
                        equalTo("OPEN"));

        String resolved = firing.replaceFirst("\"endsAt\": \"[^\"]+\"", "\"endsAt\": \"" + Instant.now() + "\"");
        given().auth().oauth2(token).contentType("application/json").body(resolved)
                .when().post("/api/v2/alerts").then().statusCode(200);
        given().auth().oauth2(Fixtures.operator()).queryParam("label", "instance=" + instance)
                .when().get("/alerts").then().statusCode(200).body("items[0].status", equalTo("RESOLVED"));
        given().auth().oauth2(token).when().get("/api/v2/status").then().statusCode(200)
                .body("cluster.status", equalTo("ready"));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, "AQ-1")).when().get("/api/v2/status").then()
                .statusCode(403);
    }

    @Test
    void anAlertmanagerAlertWithoutAnAlertnameIsRefusedNamingTheField() {
        given().auth().oauth2(TestStack.token(Roles.SERVICE)).contentType("application/json")
                .body("[{\"labels\": {\"job\": \"node\"}}]")
                .when().post("/api/v2/alerts").then().statusCode(400).contentType("application/json")
                .body(equalTo("\"labels labels.alertname is required\""));
    }

    @Test
    void aResidentSeesOnlyTheirOwnAlerts() {
        String mine = Fixtures.unique("AQ");
        String theirs = Fixtures.unique("AQ");
        try (MqttTestClient meter = TestStack.mqtt()) {
            meter.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + mine, "LEAK", "MAJOR",
                    "\"account\":\"" + mine + "\"", false));
            meter.publish(Fixtures.METERING_ALERTS, Fixtures.alert("meter:" + theirs, "LEAK", "MAJOR",
                    "\"account\":\"" + theirs + "\"", false));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .auth().oauth2(TestStack.token(Roles.RESIDENT, mine)).when().get("/me/alerts").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].subject", equalTo("meter:" + mine)));
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, mine)).when().get("/alerts").then().statusCode(403);
    }

    @Test
    void aLiveStreamShowsNewAlertsAndAResidentsStreamOnlyTheirs() throws Exception {
        String account = Fixtures.unique("AQ");
        Queue<String> staffLines = new ConcurrentLinkedQueue<>();
        Queue<String> residentLines = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<?> staff = listen(http, TestStack.token(Roles.DISPATCHER, "disp-stream"), staffLines);
        CompletableFuture<?> resident = listen(http, TestStack.token(Roles.RESIDENT, account), residentLines);
        String other = "camera:" + Fixtures.unique("CAM");
        String own = "meter:" + Fixtures.unique("G");
        try (MqttTestClient client = TestStack.mqtt()) {
            // the streams may still be connecting: raise the two alerts again until both arrive
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                client.publish(Fixtures.METERING_ALERTS, Fixtures.alert(other, "FIRE", "CRITICAL",
                        "\"zone\":\"school\"", false));
                client.publish(Fixtures.METERING_ALERTS, Fixtures.alert(own, "LEAK", "MAJOR",
                        "\"account\":\"" + account + "\"", false));
                return staffLines.stream().anyMatch(l -> l.contains(other))
                        && staffLines.stream().anyMatch(l -> l.contains(own))
                        && residentLines.stream().anyMatch(l -> l.contains(own));
            });
            assertThat(residentLines).noneMatch(line -> line.contains(other));
            // the dispatcher saw the resident's alert: the resident's access log says so
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                    .auth().oauth2(TestStack.token(Roles.RESIDENT, account)).when().get("/me/access-log").then()
                    .statusCode(200).body("items.objectType", hasItem("alert-stream"))
                    .body("items.find { it.objectType == 'alert-stream' }.who", equalTo("disp-stream")));
        } finally {
            staff.cancel(true);
            resident.cancel(true);
        }
    }

    /** Opens the SSE stream and collects its lines. */
    private CompletableFuture<?> listen(HttpClient http, String token, Queue<String> lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
    }
}
