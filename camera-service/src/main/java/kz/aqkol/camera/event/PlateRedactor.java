package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import kz.aqkol.platform.messaging.DeadLetterRedactor;

/**
 * A refused detection (malformed, or from an unknown camera) may carry a plate, which must not be kept or published
 * in clear. The payload is parsed, not searched as text, so no spelling of a plate survives (escaped as
 * {@code \u0031…}, under an escaped name, nested, duplicated): every field whose name mentions a plate, at any depth,
 * is replaced by {@code <name>Hash} holding its keyed hash, and the dead letter is the tree written again. A payload
 * that names no plate anywhere is kept as it arrived. A payload that is not JSON cannot be searched for certain, so it
 * is replaced by a note with its size and a keyed fingerprint (equal payloads, equal fingerprints; nothing to test a
 * guessed plate against without the key). A parser's reason may quote a piece of the payload: quoted pieces go too.
 */
@ApplicationScoped
public class PlateRedactor implements DeadLetterRedactor {

    /** Numbers are kept as written ({@code 0.50} stays {@code 0.50}), so distinct payloads stay distinct letters. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private final PlateHasher plates;

    @Inject
    PlateRedactor(EventStore store) {
        this(store.plates());
    }

    PlateRedactor(PlateHasher plates) {
        this.plates = plates;
    }

    @Override
    public byte[] redact(String channel, byte[] payload) {
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (IOException | RuntimeException e) {
            return unreadable(payload);
        }
        if (tree == null || !namesAPlate(tree)) {
            return payload;
        }
        try {
            return JSON.writeValueAsBytes(pseudonymised(tree));
        } catch (IOException e) {
            return unreadable(payload);
        }
    }

    @Override
    public String redactReason(String channel, String reason) {
        return reason == null ? null : QUOTED.matcher(reason).replaceAll("'…'");
    }

    static boolean mentionsPlate(String fieldName) {
        return fieldName.toLowerCase(Locale.ROOT).contains("plate");
    }

    private static boolean namesAPlate(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (mentionsPlate(field.getKey()) || namesAPlate(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (namesAPlate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy of the tree in which each field naming a plate, {@code n}, became {@code nHash} with the keyed hash. */
    private JsonNode pseudonymised(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                if (mentionsPlate(field.getKey())) {
                    JsonNode value = field.getValue();
                    out.put(field.getKey() + "Hash", value.isNull() ? null
                            : plates.hash(value.isValueNode() ? value.asText() : value.toString()));
                } else {
                    out.set(field.getKey(), pseudonymised(field.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(pseudonymised(element)));
            return out;
        }
        return node;
    }

    private byte[] unreadable(byte[] payload) {
        ObjectNode note = JsonNodeFactory.instance.objectNode()
                .put("redacted", "not JSON this service can read, so it may hide a plate: only its size and"
                        + " keyed fingerprint are kept")
                .put("bytes", payload.length)
                .put("fingerprint", plates.fingerprint(payload));
        return note.toString().getBytes(UTF_8);
    }
}
