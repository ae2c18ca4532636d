package kz.aqkol.portal.me;

import jakarta.ws.rs.NotFoundException;
import java.util.UUID;

/** Ids from a path or a form: one that cannot be an id is a page that does not exist. */
final class Ids {

    private Ids() {
    }

    static UUID uuid(String text) {
        UUID id = uuidOrNull(text);
        if (id == null) {
            throw new NotFoundException();
        }
        return id;
    }

    static UUID uuidOrNull(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
