package kz.aqkol.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import kz.aqkol.platform.problem.ProblemException;

/**
 * Why a member of staff reads a resident's personal data, as stated in the {@code X-Purpose} header: one code from a
 * closed list, optionally followed by {@code ;} (or {@code :}) and free text, e.g.
 * {@code X-Purpose: COMPLAINT; ticket 2026-118, bill too high}. The code makes purposes countable; the text ties the
 * read to a case. Recorded with the read in the audit chain, where the resident sees it.
 */
public record Purpose(Code code, String note) {

    public static final String HEADER = "X-Purpose";
    static final int MAX_NOTE = 200;

    /** The closed list of reasons a person may look at a resident's data. */
    public enum Code {
        /** A resident's complaint or request, answered on their behalf. */
        COMPLAINT,
        /** Billing and collection: a bill, a payment, arrears. */
        BILLING,
        /** A meter's fault, replacement or inspection. */
        METER_SERVICE,
        /** A gas leak, a fire, an outage: someone's safety. */
        SAFETY,
        /** A case opened by the police or a court, with its reference in the note. */
        INVESTIGATION,
        /** Oversight of how personal data is handled. */
        AUDIT
    }

    public Purpose {
        if (code == null) {
            throw new IllegalArgumentException("a purpose needs a code");
        }
        note = note == null || note.isBlank() ? null : note.strip();
    }

    /** The purpose stated in the header, or a 400 problem naming the header when it is missing or not understood. */
    public static Purpose parse(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.invalid(HEADER, "is required for staff reads of personal data: one of "
                    + codes() + ", optionally followed by '; ' and a note");
        }
        int cut = indexOfSeparator(header);
        String code = (cut < 0 ? header : header.substring(0, cut)).strip().toUpperCase(Locale.ROOT);
        String note = cut < 0 ? null : header.substring(cut + 1);
        Code parsed = Arrays.stream(Code.values()).filter(c -> c.name().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.invalid(HEADER, "must start with one of " + codes()));
        if (note != null && note.strip().length() > MAX_NOTE) {
            throw ProblemException.invalid(HEADER, "note must be at most " + MAX_NOTE + " characters");
        }
        return new Purpose(parsed, note);
    }

    private static int indexOfSeparator(String header) {
        int semicolon = header.indexOf(';');
        int colon = header.indexOf(':');
        return semicolon < 0 ? colon : colon < 0 ? semicolon : Math.min(semicolon, colon);
    }

    private static String codes() {
        return Arrays.stream(Code.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** As recorded in the audit chain: {@code COMPLAINT: ticket 2026-118}. */
    @Override
    public String toString() {
        return note == null ? code.name() : code.name() + ": " + note;
    }
}
