package kz.aqkol.contracts;

/**
 * The W3C trace context (Trace Context, level 1) a message may carry beside its own fields: {@code traceparent} and
 * optionally {@code tracestate}, so that one trace follows a fact across REST calls and MQTT hops (MQTT 3.1.1 has no
 * headers). Optional everywhere: a message without one, or with a malformed one, is still a valid message; the
 * malformed context is ignored, never a reason to refuse the message.
 */
public record TraceContext(String traceparent, String tracestate) {

    /** The field names in the message envelope. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final int TRACEPARENT_LENGTH = 55;
    private static final int TRACESTATE_MAX = 512;

    public TraceContext {
        if (!isTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        traceparent = traceparent.substring(0, TRACEPARENT_LENGTH);
        tracestate = isTracestate(tracestate) ? tracestate : null;
    }

    /** The context, or null if {@code traceparent} is missing or malformed (a bad tracestate alone is dropped). */
    public static TraceContext of(String traceparent, String tracestate) {
        return isTraceparent(traceparent) ? new TraceContext(traceparent, tracestate) : null;
    }

    /** The 32 hex digits naming the trace. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The 16 hex digits naming the span that sent the message. */
    public String parentId() {
        return traceparent.substring(36, 52);
    }

    /**
     * {@code version-traceid-parentid-flags}, lower-case hex, neither id all zeros, version {@code ff} refused. A
     * later version may append fields after a dash; only the first 55 characters are read then.
     */
    static boolean isTraceparent(String value) {
        if (value == null || value.length() < TRACEPARENT_LENGTH) {
            return false;
        }
        if (value.startsWith("00") ? value.length() != TRACEPARENT_LENGTH
                : value.startsWith("ff") || value.length() > TRACEPARENT_LENGTH && value.charAt(55) != '-') {
            return false;
        }
        return value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-'
                && hex(value, 0, 2) && hex(value, 3, 35) && hex(value, 36, 52) && hex(value, 53, 55)
                && !zeros(value, 3, 35) && !zeros(value, 36, 52);
    }

    /** At most 512 printable ASCII characters (its list syntax is the tracing system's business). */
    static boolean isTracestate(String value) {
        if (value == null || value.isEmpty() || value.length() > TRACESTATE_MAX) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
