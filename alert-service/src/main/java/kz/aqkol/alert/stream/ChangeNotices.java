package kz.aqkol.alert.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.aqkol.alert.alert.AlertView;
import kz.aqkol.platform.json.JsonText;

/**
 * The text of the PostgreSQL notifications that announce changed alerts to every replica. A notification carries at
 * most {@link #MAX_BYTES} bytes (PostgreSQL refuses more than 8000), so the changed alerts are packed into as many
 * notices as they need: each alert as its view, or, when its view alone would not fit (labels can be long), by its
 * id only, for the listener to load.
 */
final class ChangeNotices {

    /** Below PostgreSQL's 8000-byte limit on a payload, with room to spare. */
    static final int MAX_BYTES = 7_900;

    private static final String HEAD = "{\"views\":[";
    private static final String MIDDLE = "],\"load\":[";
    private static final String TAIL = "]}";
    private static final int FRAME = (HEAD + MIDDLE + TAIL).length();
    private static final int ID = 2 + 36; // a quoted UUID

    /** One notice as read: views to pass on as they are, and ids of alerts to load first. */
    @RegisterForReflection(targets = {Notice.class, AlertView.class})
    record Notice(List<AlertView> views, List<UUID> load) {
    }

    private ChangeNotices() {
    }

    /** The notices that announce {@code changed}, each at most {@code maxBytes} of UTF-8. */
    static List<String> write(ObjectMapper json, List<AlertView> changed, int maxBytes) {
        Packer packer = new Packer(maxBytes);
        List<UUID> tooLong = new ArrayList<>();
        for (AlertView view : changed) {
            String text = JsonText.write(json, view);
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (FRAME + bytes > maxBytes) {
                tooLong.add(view.id());
            } else {
                packer.add(true, text, bytes);
            }
        }
        tooLong.forEach(id -> packer.add(false, "\"" + id + "\"", ID));
        return packer.done();
    }

    /** Fills notices one after the other, views and ids in their own lists. */
    private static final class Packer {

        private final int maxBytes;
        private final List<String> notices = new ArrayList<>();
        private final List<String> views = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private int size = FRAME;

        Packer(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        void add(boolean view, String text, int bytes) {
            List<String> into = view ? views : ids;
            int needed = bytes + (into.isEmpty() ? 0 : 1);
            if (size + needed > maxBytes && !(views.isEmpty() && ids.isEmpty())) {
                flush();
                needed = bytes;
            }
            into.add(text);
            size += needed;
        }

        List<String> done() {
            flush();
            return notices;
        }

        private void flush() {
            if (!views.isEmpty() || !ids.isEmpty()) {
                notices.add(HEAD + String.join(",", views) + MIDDLE + String.join(",", ids) + TAIL);
            }
            views.clear();
            ids.clear();
            size = FRAME;
        }
    }

    static Notice read(ObjectMapper json, String payload) {
        try {
            return json.readValue(payload, Notice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an alert change notice: " + e.getOriginalMessage(), e);
        }
    }
}
