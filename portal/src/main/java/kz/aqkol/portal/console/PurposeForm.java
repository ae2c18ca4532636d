package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * The purpose fields of a page's form as the template draws them: what was chosen, what is wrong with it (shown only
 * once the person has sent the form), and whether the page insists on a choice or starts from the on-duty default.
 */
@TemplateData
public record PurposeForm(StatedPurpose purpose, StatedPurpose.Problem problem, boolean sent, boolean required) {

    /** A page that reads nothing personal until a purpose is chosen. */
    static PurposeForm required(StatedPurpose purpose, boolean sent) {
        return new PurposeForm(purpose, StatedPurpose.problem(purpose), sent, true);
    }

    /** A page that reads with the on-duty purpose unless another is chosen. */
    static PurposeForm defaulted(StatedPurpose purpose) {
        return new PurposeForm(purpose, StatedPurpose.problem(purpose), true, false);
    }

    public List<String> codes() {
        return StatedPurpose.CODES;
    }

    public boolean ok() {
        return problem == StatedPurpose.Problem.NONE;
    }

    public boolean missing() {
        return sent && (problem == StatedPurpose.Problem.MISSING || problem == StatedPurpose.Problem.UNKNOWN_CODE);
    }

    public boolean badNote() {
        return problem == StatedPurpose.Problem.BAD_NOTE;
    }

    public boolean chosen(String code) {
        return purpose != null && code.equals(purpose.code());
    }

    public String note() {
        return purpose == null || purpose.note() == null ? "" : purpose.note();
    }
}
