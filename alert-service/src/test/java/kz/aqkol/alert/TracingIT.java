package kz.aqkol.alert;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.WebhookRecorder;
import kz.aqkol.devstack.test.Spans;
import kz.aqkol.devstack.test.TestStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An alert message's trace reaches the receiver's webhook; a refused message's span says why. */
@QuarkusTest
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void routing() {
        Fixtures.routing();
    }

    @Test
    void theWebhookOfAnAlertContinuesTheTraceOfTheMessageThatRaisedIt() {
        String subject = "meter:" + Fixtures.unique("W");
        String trace = Spans.traceId();
        String sender = Spans.spanId();

        publish(Fixtures.alert(subject, "LEAK", "MAJOR", "\"scenario\":\"silence\"", false), trace, sender);

        WebhookRecorder.Request request = Fixtures.WEBHOOKS.await(r -> r.path().equals("/silence-team")
                && r.body().contains(subject), PATIENCE);
        TraceContext header = TraceContext.of(request.headers().get("traceparent"), null);
        assertThat(header).as("the webhook request carries a traceparent").isNotNull();
        assertThat(header.traceId()).isEqualTo(trace);

        SpanData client = Spans.await(spans, "the request's span", span -> span.getSpanId().equals(header.parentId()));
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        SpanData intake = Spans.await(spans, "the intake span the notification kept",
                span -> span.getSpanId().equals(client.getParentSpanId()));
        assertThat(intake.getName()).isEqualTo("process alerts");
        assertThat(intake.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(intake.getParentSpanId()).isEqualTo(sender);
        assertThat(intake.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aWebhookOfAnAlertThatCameInNoTraceStartsOne() {
        String subject = "meter:" + Fixtures.unique("W");
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, Fixtures.alert(subject, "LEAK", "MAJOR",
                    "\"scenario\":\"silence\"", false));
        }

        WebhookRecorder.Request request = Fixtures.WEBHOOKS.await(r -> r.path().equals("/silence-team")
                && r.body().contains(subject), PATIENCE);
        assertThat(TraceContext.of(request.headers().get("traceparent"), null)).isNotNull();
    }

    @Test
    void aMessageRefusedToTheDeadLetterTopicEndsItsSpanInError() {
        String trace = Spans.traceId();
        String sender = Spans.spanId();

        publish(Fixtures.alert("billing-service", "meter:" + Fixtures.unique("W"), "LEAK", "MAJOR", "", false),
                trace, sender);

        SpanData intake = Spans.await(spans, "the intake span of the forged alert",
                span -> span.getTraceId().equals(trace) && span.getParentSpanId().equals(sender));
        assertThat(intake.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(intake.getStatus().getDescription()).startsWith("dead-lettered: source");
    }

    private static void publish(String alert, String trace, String sender) {
        try (MqttTestClient client = TestStack.mqtt()) {
            client.publish(Fixtures.METERING_ALERTS, Codec.withTrace(alert.getBytes(UTF_8),
                    TraceContext.of(Spans.traceparent(trace, sender), null)));
        }
    }
}
