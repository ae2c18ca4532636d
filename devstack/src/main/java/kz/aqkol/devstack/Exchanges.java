package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What {@link DevIssuer}'s endpoints share of HTTP: reading parameters and credentials, and answering. */
final class Exchanges {

    /** Request parameters: the first value of each, and the names that came more than once (RFC 6749 §3.1). */
    record Params(Map<String, String> values, Set<String> repeated) {

        String get(String name) {
            return values.get(name);
        }

        /** The value, or {@code null} when it is missing, empty or repeated. */
        String single(String name) {
            String value = values.get(name);
            return value == null || value.isEmpty() || repeated.contains(name) ? null : value;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Exchanges() {
    }

    /** The query string's parameters ({@code GET}). */
    static Params query(HttpExchange exchange) {
        return params(exchange.getRequestURI().getRawQuery());
    }

    /** The {@code application/x-www-form-urlencoded} body's parameters ({@code POST}). */
    static Params form(HttpExchange exchange) throws IOException {
        return params(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
    }

    static Params params(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        if (encoded == null) {
            return new Params(values, repeated);
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = URLDecoder.decode(pair.substring(0, eq), UTF_8);
                if (values.putIfAbsent(name, URLDecoder.decode(pair.substring(eq + 1), UTF_8)) != null) {
                    repeated.add(name);
                }
            }
        }
        return new Params(values, repeated);
    }

    /** client_id and client_secret from HTTP Basic authentication (client_secret_basic), if used. */
    static Map<String, String> basic(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Map.of();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Map.of();
        }
        return Map.of("client_id", URLDecoder.decode(decoded.substring(0, colon), UTF_8),
                "client_secret", URLDecoder.decode(decoded.substring(colon + 1), UTF_8));
    }

    /** {@code uri} with {@code params} added to its query (it has no fragment: a registered URI never does). */
    static String withParams(String uri, Map<String, String> params) {
        StringBuilder target = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            target.append(separator).append(URLEncoder.encode(param.getKey(), UTF_8)).append('=')
                    .append(URLEncoder.encode(param.getValue(), UTF_8));
            separator = '&';
        }
        return target.toString();
    }

    static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** A page for a person: not cached, not framed (the sign-in page must not be overlaid), no scripts. */
    static void html(HttpExchange exchange, int status, String page) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(UTF_8));
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
