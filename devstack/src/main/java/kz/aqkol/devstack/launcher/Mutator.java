package kz.aqkol.devstack.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import kz.aqkol.contracts.Codec;

/**
 * Breaks valid JSON messages for the fuzz drill, from a seeded random source so that a run can be repeated: every
 * result of a {@link Mutation} breaks the message's contract for certain.
 */
final class Mutator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A way to break a valid JSON message; {@code mqttOnly} ones are valid over HTTP (no size limit of 64 KiB). */
    enum Mutation {
        GARBAGE, TRUNCATED, NOT_AN_OBJECT, REQUIRED_FIELD_MISSING, REQUIRED_FIELD_WRONG_TYPE, BAD_VALUE, EMPTY,
        DEEP_NESTING, BAD_UTF8, OVERSIZE;

        boolean mqttOnly() {
            return this == OVERSIZE;
        }
    }

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code valid} broken by {@code mutation}; every result breaks the message's contract. */
    byte[] mutate(byte[] valid, Mutation mutation, String required, String badValueField) {
        String text = new String(valid, UTF_8);
        return switch (mutation) {
            case GARBAGE -> ("x" + randomText(1 + random.nextInt(200))).getBytes(UTF_8);
            case TRUNCATED -> Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
            case NOT_AN_OBJECT -> List.of("[1,2]", "\"text\"", "42", "null", "true", "[]")
                    .get(random.nextInt(6)).getBytes(UTF_8);
            case REQUIRED_FIELD_MISSING -> edit(text, node -> node.remove(required));
            case REQUIRED_FIELD_WRONG_TYPE -> edit(text, node -> node.putObject(required)
                    .put("fuzz", random.nextInt()));
            case BAD_VALUE -> edit(text, node -> node.put(badValueField, badValue()));
            case EMPTY -> new byte[0];
            case DEEP_NESTING -> "[".repeat(2_000 + random.nextInt(8_000)).getBytes(UTF_8);
            case BAD_UTF8 -> badUtf8(text);
            case OVERSIZE -> edit(text, node -> node.put("padding", randomText(Codec.MAX_PAYLOAD_BYTES + 1)));
        };
    }

    /** A value no field of these messages takes: neither a number, an enum constant, a date nor a list. */
    private String badValue() {
        return "not-" + randomText(1 + random.nextInt(20)).replace('"', 'q');
    }

    private static byte[] edit(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            change.accept(node);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message with a byte sequence that is not UTF-8 inside its first string value. */
    private static byte[] badUtf8(String json) {
        int quote = json.indexOf(":\"") + 2;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(json.substring(0, quote).getBytes(UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        bytes.writeBytes(json.substring(quote).getBytes(UTF_8));
        return bytes.toByteArray();
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + 1 + random.nextInt(94)));
        }
        return text.toString();
    }
}
