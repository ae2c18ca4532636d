package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import kz.aqkol.platform.problem.ProblemException;

/** Where a page of events ended: (occurredAt, id) of its last row, opaque to clients. */
public record EventCursor(Instant occurredAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((occurredAt + "|" + id).getBytes(UTF_8));
    }

    public static EventCursor decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), UTF_8).split("\\|");
            return new EventCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("after", "is not a cursor this service gave out");
        }
    }
}
