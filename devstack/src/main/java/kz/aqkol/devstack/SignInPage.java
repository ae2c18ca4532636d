package kz.aqkol.devstack;

import java.util.List;
import java.util.Map;

/**
 * The pages {@link DevIssuer} shows a person: the development sign-in form, a refused request, signed out. Plain
 * HTML without scripts; every field labelled, errors announced ({@code role="alert"}) and tied to their field.
 */
final class SignInPage {

    /** The roles a person may sign in as; {@code service} is for machines (client credentials) only. */
    static final List<String> ROLES = List.of("operator", "dispatcher", "auditor", "resident");

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.5}.warning{background:#fff3cd;border:2px solid #8a6d00;padding:.5rem}"
            + ".error{color:#a00000;font-weight:bold}fieldset{margin:1rem 0}label{display:block;margin:.25rem 0}"
            + "input[type=text]{font-size:1rem;padding:.25rem;width:100%;max-width:20rem}"
            + "button{font-size:1rem;padding:.4rem 1.2rem;margin-top:1rem}";

    private SignInPage() {
    }

    /**
     * The form: a role, a subject, and the authorization request's own parameters ({@code hidden}) posted back.
     * {@code error} (may be null) says what was wrong with the last try; {@code role} and {@code subject} refill it.
     */
    static String form(Map<String, String> hidden, String role, String subject, String error) {
        StringBuilder page = new StringBuilder(head("Development sign-in"));
        page.append("<main><h1>Development sign-in — not for production</h1>")
                .append("<p class=\"warning\"><strong>Not for production.</strong> This page signs anyone in as ")
                .append("anyone, for the local stack and its tests only.</p>")
                .append("<p>Client: <strong>").append(Html.escape(hidden.get("client_id"))).append("</strong></p>");
        if (error != null) {
            page.append("<p id=\"error\" class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
        }
        page.append("<form method=\"post\" action=\"/authorize\">")
                .append("<fieldset><legend>Role</legend>");
        for (String choice : ROLES) {
            String id = "role-" + choice;
            page.append("<label for=\"").append(id).append("\"><input type=\"radio\" name=\"role\" id=\"")
                    .append(id).append("\" value=\"").append(choice).append('"')
                    .append(choice.equals(role) || role == null && choice.equals(ROLES.get(0)) ? " checked" : "")
                    .append(" required> ").append(choice).append("</label>");
        }
        page.append("</fieldset>")
                .append("<label for=\"subject\">Subject</label>")
                .append("<p id=\"subject-hint\">A resident's account number, such as AQ-0001; a staff member's ")
                .append("name, such as dispatcher-1. Letters, digits, '.', '_' and '-', at most 64.</p>")
                .append("<input type=\"text\" id=\"subject\" name=\"subject\" required maxlength=\"64\" ")
                .append("pattern=\"[A-Za-z0-9._\\-]{1,64}\" autocomplete=\"username\" spellcheck=\"false\" ")
                .append("aria-describedby=\"subject-hint").append(error == null ? "\"" : " error\" aria-invalid=\"true\"")
                .append(" value=\"").append(Html.escape(subject == null ? "" : subject)).append("\">");
        hidden.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        return page.append("<button type=\"submit\">Sign in</button></form></main></body></html>").toString();
    }

    /** A request that cannot be sent back to the client: said here, never redirected (RFC 6749 §4.1.2.1). */
    static String refused(String reason) {
        return head("Sign-in request refused") + "<main><h1>Sign-in request refused</h1><p role=\"alert\">"
                + Html.escape(reason) + "</p><p>The application that sent you here is not set up for this sign-in. "
                + "Nothing was signed in.</p></main></body></html>";
    }

    static String signedOut() {
        return head("Signed out") + "<main><h1>Signed out</h1><p>You are signed out of the development "
                + "sign-in.</p></main></body></html>";
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + " — not for production</title><style>" + STYLE + "</style></head><body>";
    }
}
