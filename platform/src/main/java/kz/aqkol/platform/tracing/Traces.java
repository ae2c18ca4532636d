package kz.aqkol.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import kz.aqkol.contracts.TraceContext;

/**
 * Converts between the W3C trace context that messages and rows carry ({@link TraceContext}) and OpenTelemetry's
 * {@link Context}, with the W3C propagator, so that what the contracts validate and what the tracer reads agree.
 */
public final class Traces {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TraceContext.TRACEPARENT, TraceContext.TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TraceContext.TRACEPARENT -> carrier.traceparent();
                case TraceContext.TRACESTATE -> carrier.tracestate();
                default -> null;
            };
        }
    };

    private static final TextMapSetter<String[]> SETTER = (carrier, key, value) -> {
        if (TraceContext.TRACEPARENT.equals(key)) {
            carrier[0] = value;
        } else if (TraceContext.TRACESTATE.equals(key)) {
            carrier[1] = value;
        }
    };

    private Traces() {
    }

    /** The context whose (remote) span is the one {@code trace} names; the root context if {@code trace} is null. */
    public static Context parent(TraceContext trace) {
        return trace == null ? Context.root() : W3C.extract(Context.root(), trace, GETTER);
    }

    /** {@link #parent} of a stored traceparent and tracestate (either may be null or malformed: then the root). */
    public static Context parent(String traceparent, String tracestate) {
        return parent(TraceContext.of(traceparent, tracestate));
    }

    /** The trace context of {@code context}'s span, or null if it has none (a root context, a no-op tracer). */
    public static TraceContext of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        String[] fields = new String[2];
        W3C.inject(context, fields, SETTER);
        return TraceContext.of(fields[0], fields[1]);
    }

    /** The trace context of the current span, or null. */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The traceparent of {@code trace}, or null. */
    public static String traceparent(TraceContext trace) {
        return trace == null ? null : trace.traceparent();
    }

    /** The tracestate of {@code trace}, or null. */
    public static String tracestate(TraceContext trace) {
        return trace == null ? null : trace.tracestate();
    }
}
