package kz.aqkol.contracts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads and writes the platform's messages as JSON, the way every producer and consumer must: UTF-8, at most
 * {@link #MAX_PAYLOAD_BYTES}, unknown fields ignored, timestamps ISO-8601. A payload that breaks its contract is
 * reported as a {@link ContractViolation} naming the field. A message may carry a {@link TraceContext} beside its
 * own fields ({@link #trace}, {@link #write(AqkolMessage, TraceContext)}).
 */
public final class Codec {

    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("aqkol-time")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final byte[] TRACEPARENT_KEY = ("\"" + TraceContext.TRACEPARENT + "\"")
            .getBytes(StandardCharsets.UTF_8);

    private Codec() {
    }

    /** Parses and validates one message. */
    public static <T extends AqkolMessage> T read(byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            throw new ContractViolation(null, "payload is empty");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ContractViolation(null,
                    "payload is " + payload.length + " bytes, more than the " + MAX_PAYLOAD_BYTES + " allowed");
        }
        try {
            T message = MAPPER.readValue(payload, type);
            if (message == null) {
                throw new ContractViolation(null, "payload is JSON null, not an object");
            }
            return message;
        } catch (JsonMappingException e) {
            throw violation(e);
        } catch (JacksonException e) {
            throw new ContractViolation(null, "payload is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ContractViolation(null, "payload is unreadable: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The trace context a payload that {@link #read} accepted carries at its top level, or null: none, or a malformed
     * one (ignored, never refused). Costs a scan of the bytes when there is none, a second pass of the tokens when
     * there is one.
     */
    public static TraceContext trace(byte[] payload) {
        if (payload == null || indexOf(payload, TRACEPARENT_KEY) < 0) {
            return null;
        }
        String traceparent = null;
        String tracestate = null;
        try (JsonParser parser = FACTORY.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && TraceContext.TRACEPARENT.equals(name)) {
                    traceparent = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && TraceContext.TRACESTATE.equals(name)) {
                    tracestate = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return TraceContext.of(traceparent, tracestate);
    }

    /** Writes one message as UTF-8 JSON, with {@code trace} (if not null) beside its fields. */
    public static byte[] write(AqkolMessage message, TraceContext trace) {
        return withTrace(write(message), trace);
    }

    /**
     * A payload {@link #write} wrote, with {@code trace} set beside its fields (replacing any it carried); the payload
     * itself if {@code trace} is null.
     */
    public static byte[] withTrace(byte[] payload, TraceContext trace) {
        if (trace == null) {
            return payload;
        }
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(payload);
            node.put(TraceContext.TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) {
                node.put(TraceContext.TRACESTATE, trace.tracestate());
            } else {
                node.remove(TraceContext.TRACESTATE);
            }
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("not a message payload", e);
        }
    }

    /** Writes one message as UTF-8 JSON. */
    public static byte[] write(AqkolMessage message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ContractViolation violation(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ContractViolation violation) {
                return violation;
            }
        }
        String field = path(e);
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return new ContractViolation(field, "must be one of " + allowed);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            if (field == null) {
                return new ContractViolation(null, "payload must be a JSON object");
            }
            return new ContractViolation(field, "must be " + describe(mismatch.getTargetType()));
        }
        return new ContractViolation(field, firstLine(e.getOriginalMessage()));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Instant.class) {
            return "an ISO-8601 timestamp such as 2026-11-25T10:00:00Z";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable payload";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
        }
    }

    /** Strict ISO-8601 with an offset (Z or ±hh:mm): epoch numbers and local times are refused. */
    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return OffsetDateTime.parse(p.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not an ISO-8601 timestamp", p.getText(), Instant.class);
            }
        }
    }
}
