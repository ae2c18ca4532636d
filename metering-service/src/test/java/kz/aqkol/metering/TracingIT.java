package kz.aqkol.metering;

import static kz.aqkol.metering.Fixtures.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.Spans;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.Test;

/** One trace from a meter's readings to the alert they lead to, and nothing lost to a bad trace context. */
@QuarkusTest
class TracingIT {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void readingsOfATraceAreProcessedInChildSpansAndTheirLeakAlertIsPublishedInTheSameTrace() throws Exception {
        String meter = Fixtures.unique("W");
        Fixtures.meter(meter, "WATER", "M3", 5, null);
        String trace = Spans.traceId();
        Map<String, String> deviceSpans = new HashMap<>(); // the device's span of each reading, by reading id
        try (MqttTestClient alerts = TestStack.mqtt().subscribe(Topics.ALERTS);
             MqttTestClient device = TestStack.mqtt()) {
            BigDecimal register = new BigDecimal("300");
            for (int h = 0; h <= 24; h++) {
                MeterReading reading = new MeterReading(UUID.randomUUID(), hour(h), register, MeterUnit.M3, null);
                String span = Spans.spanId();
                deviceSpans.put(reading.id().toString(), span);
                device.publish(Topics.meterReadings(meter),
                        Codec.write(reading, TraceContext.of(Spans.traceparent(trace, span), "vendor=device")));
                register = register.add(new BigDecimal("0.05"));
            }

            MqttTestClient.Received published = alerts.await(m -> m.text().contains("\"subject\":\"meter:" + meter)
                    && m.text().contains("\"type\":\"LEAK\""), Duration.ofSeconds(30));
            TraceContext carried = Codec.trace(published.payload());
            assertThat(carried).as("the alert message carries a trace context").isNotNull();
            assertThat(carried.traceId()).isEqualTo(trace);
            assertThat(carried.tracestate()).as("tracestate passed on").isEqualTo("vendor=device");

            SpanData send = Spans.await(spans, "the outbox span that published the alert",
                    span -> span.getSpanId().equals(carried.parentId()));
            assertThat(send.getName()).isEqualTo("outbox send");
            assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(send.getAttributes().asMap().values()).contains(Topics.alerts("metering-service"));

            SpanData detect = Spans.await(spans, "the detection span the alert was enqueued in",
                    span -> span.getSpanId().equals(send.getParentSpanId()));
            assertThat(detect.getName()).isEqualTo("detect meter");
            assertThat(detect.getTraceId()).isEqualTo(trace);
            assertThat(detect.getEvents()).anyMatch(event -> event.getName().equals("LEAK detected"));

            SpanData intake = Spans.await(spans, "the intake span of the reading detection continued",
                    span -> span.getSpanId().equals(detect.getParentSpanId()));
            assertThat(intake.getName()).isEqualTo("process readings");
            assertThat(intake.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(deviceSpans.values()).as("its parent is one of the device's spans")
                    .contains(intake.getParentSpanId());
        }
        List<SpanData> intakes = await("an intake span for every reading").atMost(Duration.ofSeconds(30))
                .until(() -> Spans.ofTrace(spans, trace).stream()
                        .filter(span -> span.getName().equals("process readings")).toList(), found -> found.size() == 25);
        assertThat(intakes).allSatisfy(span -> {
            assertThat(deviceSpans.values()).contains(span.getParentSpanId());
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        });
        assertThat(intakes.stream().map(SpanData::getParentSpanId).distinct()).as("one per reading").hasSize(25);
    }

    @Test
    void aMalformedTraceparentIsIgnoredAndTheReadingStored() throws Exception {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        UUID id = UUID.randomUUID();
        String payload = "{\"id\":\"" + id + "\",\"occurredAt\":\"" + hour(1) + "\",\"register\":12.5,\"unit\":\"M3\","
                + "\"traceparent\":\"00-not-a-trace-id-01\",\"tracestate\":\"x\"}";
        try (MqttTestClient deadLetters = TestStack.mqtt().subscribe(Topics.deadLetters("metering-service"));
             MqttTestClient device = TestStack.mqtt()) {
            device.publish(Topics.meterReadings(meter), payload);

            await("the reading is stored").atMost(Duration.ofSeconds(30)).until(() -> Fixtures.staff()
                    .queryParam("from", hour(0).toString()).queryParam("to", hour(2).toString())
                    .when().get("/meters/" + meter + "/readings").then().extract().asString().contains(id.toString()));
            assertThat(deadLetters.received()).noneMatch(m -> m.text().contains(id.toString()));
        }
    }

    @Test
    void aRequestWithATraceparentIsServedInAChildSpan() {
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, null);
        String trace = Spans.traceId();
        String caller = Spans.spanId();

        Fixtures.staff().header("traceparent", Spans.traceparent(trace, caller))
                .when().get("/meters/" + meter).then().statusCode(200);

        SpanData server = Spans.await(spans, "the server span of the request",
                span -> span.getTraceId().equals(trace) && span.getKind() == SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(caller);
    }
}
