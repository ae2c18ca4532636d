package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.as;
import static kz.aqkol.e2e.Village.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.test.Spans;
import org.junit.jupiter.api.Test;

/**
 * One trace from a meter's readings to the webhook about its leak, across metering-service, the broker and
 * alert-service: the receiver gets the trace the device started, and both services' logs name it.
 */
class TraceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readingsInATraceLeadToAWebhookInThatTraceAndBothServicesLogIt() throws Exception {
        String meter = Village.unique("W");
        String trace = Spans.traceId();
        try (WebhookRecorder duty = WebhookRecorder.start()) {
            String receiver = "leaks-" + meter.toLowerCase();
            as(operator(), Service.ALERT).body("""
                            {"name":"%s","team":"water","webhookUrl":"%s"}""".formatted(receiver, duty.url("/leaks")))
                    .when().post("/receivers").then().statusCode(201);
            as(operator(), Service.ALERT).body("""
                            {"route": {"name": "root", "groupBy": ["subject"], "routes": [
                              {"name": "leaks", "receiver": "%s", "groupWait": "0s", "groupInterval": "1s",
                               "matchers": [{"name": "subject", "value": "meter:%s"}]}]}}""".formatted(receiver, meter))
                    .when().put("/routing").then().statusCode(200);

            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(26));
            Village.meter(meter, "WATER", Village.unique("AQ"), start.minus(Duration.ofHours(1)));
            try (MqttTestClient device = Village.mqtt("traced-meter")) {
                BigDecimal register = new BigDecimal("10");
                for (int hour = 0; hour <= 25; hour++) {
                    MeterReading reading = new MeterReading(UUID.randomUUID(), start.plus(Duration.ofHours(hour)),
                            register, MeterUnit.M3, List.of());
                    device.publish(Topics.meterReadings(meter), Codec.write(reading,
                            TraceContext.of(Spans.traceparent(trace, Spans.spanId()), null)));
                    register = register.add(new BigDecimal("0.04"));
                }
            }

            WebhookRecorder.Request delivery = await("the receiver is told of the leak").atMost(Duration.ofSeconds(60))
                    .until(() -> duty.requests().stream().filter(r -> r.body().contains("meter:" + meter)
                            && r.body().contains("LEAK")).findFirst().orElse(null), Objects::nonNull);
            TraceContext header = TraceContext.of(delivery.headers().get("traceparent"), null);
            assertThat(header).as("the webhook carries a traceparent").isNotNull();
            assertThat(header.traceId()).as("the device's trace").isEqualTo(trace);
        }
        assertThat(loggedTraces(Service.METERING)).as("metering-service's log names the trace").contains(trace);
        assertThat(loggedTraces(Service.ALERT)).as("alert-service's log names the trace").contains(trace);
    }

    /** The trace ids in the MDC of a service's JSON log lines. */
    private static List<String> loggedTraces(Service service) throws IOException {
        return Files.readAllLines(Village.stack().log(service)).stream()
                .filter(line -> line.startsWith("{"))
                .map(TraceIT::json)
                .filter(Objects::nonNull)
                .map(line -> line.path("mdc").path("traceId").asText(null))
                .filter(Objects::nonNull)
                .toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }
}
