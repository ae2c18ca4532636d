package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * Why a member of staff looks at a resident's data, as they chose it in a page's form: a code from the services'
 * closed list and an optional note, sent as {@code X-Purpose: CODE; note}. The note travels in an HTTP header, which
 * carries only visible ASCII safely (Cyrillic would reach the service garbled), so it is limited to that: a case or
 * ticket number, not prose.
 */
@TemplateData
public record StatedPurpose(String code, String note) {

    /** The services' closed list (platform {@code Purpose.Code}), in the order the forms offer them. */
    public static final List<String> CODES = List.of("SAFETY", "COMPLAINT", "BILLING", "METER_SERVICE",
            "INVESTIGATION", "AUDIT");
    static final int MAX_NOTE = 200;

    /** What is wrong with a purpose the form sent, if anything. */
    public enum Problem { NONE, MISSING, UNKNOWN_CODE, BAD_NOTE }

    /** The purpose from the form's fields, or null when no code was chosen. */
    public static StatedPurpose of(String code, String note) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return new StatedPurpose(code.strip(), note == null || note.isBlank() ? null : note.strip());
    }

    public static Problem problem(StatedPurpose purpose) {
        if (purpose == null) {
            return Problem.MISSING;
        }
        if (purpose.code == null || !CODES.contains(purpose.code)) {
            return Problem.UNKNOWN_CODE;
        }
        if (purpose.note != null && (purpose.note.length() > MAX_NOTE
                || !purpose.note.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            return Problem.BAD_NOTE;
        }
        return Problem.NONE;
    }

    public boolean valid() {
        return problem(this) == Problem.NONE;
    }

    /** The {@code X-Purpose} header's value; only for a {@link #valid()} purpose. */
    public String header() {
        if (!valid()) {
            throw new IllegalStateException("not a valid purpose: " + code);
        }
        return note == null ? code : code + "; " + note;
    }

    /** For links that carry the purpose on: {@code purpose=CODE&note=...}, URL-encoded. */
    public String query() {
        return "purpose=" + encode(code) + (note == null ? "" : "&note=" + encode(note));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
