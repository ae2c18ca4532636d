package kz.aqkol.devstack.payments;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import kz.aqkol.contracts.WebhookSigner;

/**
 * A payment provider for the local stack and the tests: a small HTTP server that plays the acquirer billing-service
 * talks to. Billing creates a checkout ({@code POST /checkouts}, signed with the shared secret); the payer then
 * confirms or declines it ({@code POST /checkouts/{ref}/confirm | decline}), or lets it time out by doing nothing; a
 * confirmed checkout can be refunded ({@code POST /checkouts/{ref}/refund}). Each outcome is sent at once to
 * billing's callback URL, signed as the platform signs its webhooks: {@code X-Aqkol-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of {@code <timestamp>.<body>} under the secret, beside {@code X-Aqkol-Timestamp} (epoch seconds); the
 * answer tells what billing replied. A confirmation may carry another amount than the checkout's
 * ({@code {"amountTiyn": n}}), as a faulty or hostile provider would, so tests can show billing refusing it.
 *
 * <p>A person pays as at a real acquirer: {@code GET /checkouts/{ref}} asked for {@code text/html} is a small checkout
 * page (the amount in tenge, what it pays, Confirm and Decline as forms posting to the same actions). An action posted
 * by that form (form-encoded, with {@code from=checkout-page}) answers, once billing has had the callback, 303 to the
 * checkout's {@code returnUrl} (as billing passed it) with {@code reference} and {@code order} (billing's intent id)
 * added, or a small page when there is none. The JSON API is unchanged.
 */
public final class PaymentSandbox implements AutoCloseable {

    /** The provider's name in billing-service: its callbacks go to {@code /payments/providers/sandbox/callbacks}. */
    public static final String NAME = "sandbox";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final HttpServer server;
    private final String callbackUrl;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ObjectNode> checkouts = new ConcurrentHashMap<>();

    private PaymentSandbox(HttpServer server, String callbackUrl, String secret) {
        this.server = server;
        this.callbackUrl = callbackUrl;
        this.secret = secret;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) and calls back {@code callbackUrl}. */
    public static PaymentSandbox start(int port, String callbackUrl, String secret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            PaymentSandbox sandbox = new PaymentSandbox(server, callbackUrl, secret);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "payment-sandbox");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/checkouts", sandbox::handle);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the payment sandbox on port " + port, e);
        }
    }

    /** The base URL billing-service creates checkouts at. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            String method = exchange.getRequestMethod();
            if (path.length == 1 && method.equals("POST")) {
                create(exchange, body);
            } else if (path.length == 2 && method.equals("GET")) {
                ObjectNode checkout = checkouts.get(path[1]);
                if (wantsHtml(exchange)) {
                    respondHtml(exchange, checkout == null ? 404 : 200, checkout == null
                            ? CheckoutPage.message("No such checkout", "This checkout does not exist.", null)
                            : CheckoutPage.checkout(checkout));
                } else {
                    respond(exchange, checkout == null ? 404 : 200, checkout == null ? problem("no such checkout")
                            : checkout);
                }
            } else if (path.length == 3 && method.equals("POST")) {
                act(exchange, path[1], path[2], body);
            } else {
                respond(exchange, 404, problem("no such resource"));
            }
        } catch (RuntimeException e) {
            respond(exchange, 400, problem(e.getMessage()));
        }
    }

    /** Billing asks for a checkout: only with a valid, fresh signature of its request. */
    private void create(HttpExchange exchange, String body) throws IOException {
        String timestamp = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE);
        if (!validSignature(timestamp, signature, body)) {
            respond(exchange, 401, problem("missing, wrong or stale signature"));
            return;
        }
        JsonNode request = JSON.readTree(body);
        long amount = request.path("amountTiyn").asLong();
        if (amount <= 0) {
            respond(exchange, 400, problem("amountTiyn must be positive"));
            return;
        }
        String reference = "sbx_" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode checkout = JSON.createObjectNode()
                .put("reference", reference)
                .put("checkoutUrl", url() + "/checkouts/" + reference)
                .put("orderId", request.path("orderId").asText())
                .put("amountTiyn", amount)
                .put("currency", request.path("currency").asText("KZT"))
                .put("description", request.path("description").asText(""))
                .put("status", "OPEN");
        if (request.path("returnUrl").isTextual()) {
            checkout.put("returnUrl", request.path("returnUrl").asText());
        }
        checkouts.put(reference, checkout);
        respond(exchange, 201, checkout);
    }

    /** The payer (or a test) confirms, declines or refunds; the outcome is sent to billing at once. */
    private void act(HttpExchange exchange, String reference, String action, String body) throws IOException {
        ObjectNode checkout = checkouts.get(reference);
        if (checkout == null) {
            respond(exchange, 404, problem("no such checkout"));
            return;
        }
        String event = switch (action) {
            case "confirm" -> "CONFIRMED";
            case "decline" -> "DECLINED";
            case "refund" -> "REFUNDED";
            default -> null;
        };
        if (event == null) {
            respond(exchange, 404, problem("no such action: " + action));
            return;
        }
        boolean fromPage = fromPage(exchange, body);
        JsonNode options = body.isBlank() || fromPage ? JSON.createObjectNode() : JSON.readTree(body);
        long amount;
        synchronized (checkout) {
            String status = checkout.path("status").asText();
            boolean allowed = status.equals(event) // sent again, as a provider retrying its callback would
                    || status.equals("OPEN") && !event.equals("REFUNDED")
                    || status.equals("CONFIRMED") && event.equals("REFUNDED");
            if (!allowed) {
                if (fromPage) {
                    respondHtml(exchange, 409, CheckoutPage.message("Already " + status.toLowerCase(Locale.ROOT),
                            "This checkout is already " + status.toLowerCase(Locale.ROOT) + ".", returnUrl(checkout)));
                } else {
                    respond(exchange, 409, problem("checkout is " + status));
                }
                return;
            }
            amount = options.path("amountTiyn").asLong(checkout.path("amountTiyn").asLong());
            checkout.put("status", event);
        }
        ObjectNode callback = JSON.createObjectNode()
                .put("reference", reference)
                .put("orderId", checkout.path("orderId").asText())
                .put("event", event)
                .put("amountTiyn", amount)
                .put("currency", checkout.path("currency").asText())
                .put("occurredAt", Instant.now().toString());
        ObjectNode answer = JSON.createObjectNode().put("reference", reference).put("status", event);
        HttpResponse<String> billing = callBack(JSON.writeValueAsString(callback));
        answer.put("callbackStatus", billing == null ? 0 : billing.statusCode());
        answer.put("callbackBody", billing == null ? "billing did not answer" : billing.body());
        String back = returnUrl(checkout);
        if (fromPage && back != null) {
            exchange.getResponseHeaders().add("Location", back);
            exchange.sendResponseHeaders(303, -1);
        } else if (fromPage) {
            respondHtml(exchange, 200, CheckoutPage.message("Payment " + event.toLowerCase(Locale.ROOT),
                    "The checkout is " + event.toLowerCase(Locale.ROOT) + ".", null));
        } else {
            respond(exchange, 200, answer);
        }
    }

    /** The checkout's returnUrl with the reference and billing's order id added; null when billing gave none. */
    private static String returnUrl(ObjectNode checkout) {
        String url = checkout.path("returnUrl").asText("");
        if (url.isEmpty()) {
            return null;
        }
        return url + (url.contains("?") ? "&" : "?") + "reference="
                + URLEncoder.encode(checkout.path("reference").asText(), UTF_8) + "&order="
                + URLEncoder.encode(checkout.path("orderId").asText(), UTF_8);
    }

    private static boolean wantsHtml(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** A person's click on the checkout page: its form says so ({@link CheckoutPage#FROM_PAGE}). */
    private static boolean fromPage(HttpExchange exchange, String body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/x-www-form-urlencoded")
                && Arrays.asList(body.split("&")).contains(CheckoutPage.FROM_PAGE);
    }

    private HttpResponse<String> callBack(String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE, WebhookSigner.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean validSignature(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long at = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - at) > WINDOW.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(WebhookSigner.sign(secret, at, body).getBytes(UTF_8), signature.getBytes(UTF_8));
    }

    private static ObjectNode problem(String detail) {
        return JSON.createObjectNode().put("title", "Payment sandbox").put("detail", detail);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void respondHtml(HttpExchange exchange, int status, String page) throws IOException {
        byte[] bytes = page.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
