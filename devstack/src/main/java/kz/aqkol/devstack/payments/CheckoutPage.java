package kz.aqkol.devstack.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import kz.aqkol.devstack.Html;

/**
 * The sandbox's pages for a person: a checkout (what it pays, the amount in tenge, Confirm and Decline) and a short
 * message. Plain, accessible HTML with no script or external resource; every value from a request is escaped.
 */
final class CheckoutPage {

    /**
     * What the page's forms post ({@code from=checkout-page}): how the sandbox tells a person's click, answered with a
     * page and a redirect, from a script's or a test's post, answered with JSON (an empty POST from curl or
     * rest-assured is form-encoded too).
     */
    static final String FROM_PAGE = "from=checkout-page";
    private static final String FROM_PAGE_FIELD = "<input type=\"hidden\" name=\"from\" value=\"checkout-page\">";

    private CheckoutPage() {
    }

    static String checkout(JsonNode checkout) {
        String reference = Html.escape(checkout.path("reference").asText());
        String status = checkout.path("status").asText();
        String amount = tenge(checkout.path("amountTiyn").asLong());
        StringBuilder body = new StringBuilder()
                .append("<h1>Pay ").append(amount).append("</h1>\n")
                .append("<dl>\n<dt>Amount</dt><dd>").append(amount).append("</dd>\n")
                .append("<dt>For</dt><dd>").append(Html.escape(checkout.path("description").asText())).append("</dd>\n")
                .append("<dt>Checkout</dt><dd>").append(reference).append("</dd>\n")
                .append("<dt>Status</dt><dd>").append(Html.escape(status)).append("</dd>\n</dl>\n");
        if (status.equals("OPEN")) {
            body.append("<form method=\"post\" action=\"/checkouts/").append(reference).append("/confirm\">")
                    .append(FROM_PAGE_FIELD)
                    .append("<button type=\"submit\">Confirm the payment of ").append(amount).append("</button></form>\n")
                    .append("<form method=\"post\" action=\"/checkouts/").append(reference).append("/decline\">")
                    .append(FROM_PAGE_FIELD)
                    .append("<button type=\"submit\">Decline</button></form>\n");
        }
        return page("Payment sandbox checkout", body.toString());
    }

    static String message(String title, String text, String back) {
        String link = back == null ? "" : "<p><a href=\"" + Html.escape(back) + "\">Back to the village portal</a></p>\n";
        return page(title, "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text) + "</p>\n" + link);
    }

    /** 123456 tiyn as "1 234.56 ₸". */
    static String tenge(long tiyn) {
        BigDecimal amount = BigDecimal.valueOf(tiyn, 2);
        return String.format(java.util.Locale.ROOT, "%,.2f", amount).replace(',', '\u00a0') + "\u00a0₸";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · payment sandbox</title></head>\n"
                + "<body>\n<header><p>Payment sandbox (development only: no money moves)</p></header>\n"
                + "<main>\n" + body + "</main>\n</body>\n</html>\n";
    }
}
