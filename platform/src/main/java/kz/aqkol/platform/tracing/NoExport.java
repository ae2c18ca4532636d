package kz.aqkol.platform.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Keeps span export off while no OTLP endpoint is configured: spans are still made (trace and span ids reach the
 * logs, context still travels in messages and requests) but go nowhere, so a stack without a collector logs no
 * export errors and makes no connection attempts. As long as this bean can be looked up, Quarkus installs no OTLP
 * exporter of its own; setting {@code quarkus.otel.exporter.otlp.traces.endpoint} (or
 * {@code quarkus.otel.exporter.otlp.endpoint}, which it follows) to anything but the built-in default hides this
 * bean, and the OTLP exporter sends there (docs/operations.md, "Tracing").
 */
@Singleton
@Unremovable // only looked up, by the OpenTelemetry SDK's exporter discovery
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = NoExport.DEFAULT_ENDPOINT,
        lookupIfMissing = true)
class NoExport implements SpanExporter {

    /** Quarkus' default endpoint: what the property holds when nobody configured one. */
    static final String DEFAULT_ENDPOINT = "http://localhost:4317/";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
