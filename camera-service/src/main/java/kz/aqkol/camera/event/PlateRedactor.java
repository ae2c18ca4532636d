package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.aqkol.platform.messaging.DeadLetterRedactor;

/**
 * A refused detection (malformed, or from an unknown camera) may carry a plate, which must not be kept or published
 * in clear: before the platform stores or publishes the dead letter, the plate is replaced by its keyed hash
 * ({@code "plateHash":"…"}); a payload that cannot be rewritten safely is replaced by a note saying so.
 */
@ApplicationScoped
public class PlateRedactor implements DeadLetterRedactor {

    private static final Pattern PLATE = Pattern.compile("\"plate\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final PlateHasher plates;

    PlateRedactor(EventStore store) {
        this.plates = store.plates();
    }

    @Override
    public byte[] redact(String channel, byte[] payload) {
        String text;
        try {
            text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return contains(payload, "plate") ? redacted() : payload;
        }
        if (!text.contains("\"plate\"")) {
            return payload;
        }
        Matcher m = PLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"plateHash\":\"" + plates.hash(m.group(1)) + "\""));
        }
        m.appendTail(out);
        String result = out.toString();
        return result.contains("\"plate\"") ? redacted() : result.getBytes(UTF_8);
    }

    private static boolean contains(byte[] payload, String word) {
        return new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1).contains(word);
    }

    private static byte[] redacted() {
        return "{\"redacted\":\"the payload held a plate that could not be pseudonymised, so it was removed\"}"
                .getBytes(UTF_8);
    }
}
