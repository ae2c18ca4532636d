package kz.aqkol.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a value as JSON text with the caller's {@link ObjectMapper} (normally the injected Quarkus one, so its
 * customisations apply unchanged). For values the service built itself, which always serialise: a failure is a
 * programming error and surfaces as an unchecked {@link IllegalStateException}.
 */
public final class JsonText {

    private JsonText() {
    }

    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write " + (value == null ? "null" : value.getClass().getSimpleName()) + " as JSON", e);
        }
    }
}
