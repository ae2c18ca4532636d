package kz.aqkol.devstack.test;


import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * What the tracing tests need: traces of their own to send, and the spans the service finished, as the SDK's
 * in-memory exporter holds them. A service's tests make that exporter a bean with a producer method
 * ({@code @Produces @Singleton InMemorySpanExporter spans()}); Quarkus then uses it instead of OTLP.
 */
public final class Spans {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Spans() {
    }

    /** A new trace id: 32 lower-case hex digits. */
    public static String traceId() {
        return hex(16);
    }

    /** A new span id: 16 lower-case hex digits. */
    public static String spanId() {
        return hex(8);
    }

    /** The W3C traceparent of a sampled span. */
    public static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** The finished span that matches, once there is exactly one (the exporter gets spans in batches). */
    public static SpanData await(InMemorySpanExporter exporter, String what, Predicate<SpanData> matching) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(30))
                .until(() -> exporter.getFinishedSpanItems().stream().filter(matching).toList(),
                        found -> found.size() == 1)
                .get(0);
    }

    /** The finished spans of one trace, so far. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }
}
