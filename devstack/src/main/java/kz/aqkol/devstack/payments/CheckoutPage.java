package kz.aqkol.devstack.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import kz.aqkol.devstack.Html;

/**
 * The sandbox's pages for a person: a checkout (what it pays, the amount in tenge, Confirm and Decline) and a short
 * message. Plain, accessible HTML with no script or external resource; every value from a request is escaped.
 */
final class CheckoutPage {

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
                    .append("<button type=\"submit\">Confirm the payment of ").append(amount).append("</button></form>\n")
                    .append("<form method=\"post\" action=\"/checkouts/").append(reference).append("/decline\">")
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
