package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local stack's stand-in for the village's identity provider, for machines only: an OAuth 2.0 token endpoint
 * ({@code POST /token}, RFC 6749 §4.4 client credentials) that gives a registered service a short-lived token of the
 * same shape production's provider does: subject the client id, role {@code service}, audience the one service it
 * asked for (form field {@code audience}) among those it may call. A service renews its token itself (quarkus
 * oidc-client), so no long-lived service token exists anywhere.
 */
public final class DevIssuer implements AutoCloseable {

    /** How long an issued token lives. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** A registered client: its secret, and the services it may get a token for. */
    public record Client(String secret, Set<String> audiences) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final DevTokens tokens;
    private final Map<String, Client> clients;

    private DevIssuer(HttpServer server, DevTokens tokens, Map<String, Client> clients) {
        this.server = server;
        this.tokens = tokens;
        this.clients = Map.copyOf(clients);
    }

    /** Starts on {@code port} of the loopback address (0: a free one). */
    public static DevIssuer start(int port, DevTokens tokens, Map<String, Client> clients) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DevIssuer issuer = new DevIssuer(server, tokens, clients);
            server.createContext("/token", issuer::token);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the development token issuer", e);
        }
    }

    /** The base URL the services' oidc-client is pointed at (token path {@code /token}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, error("invalid_request", "POST only"));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            basic(exchange.getRequestHeaders().getFirst("Authorization")).forEach(form::putIfAbsent);
            if (!"client_credentials".equals(form.get("grant_type"))) {
                answer(exchange, 400, error("unsupported_grant_type", "only client_credentials"));
                return;
            }
            String id = form.getOrDefault("client_id", "");
            Client client = clients.get(id);
            if (client == null || !sameSecret(client.secret(), form.get("client_secret"))) {
                answer(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
                return;
            }
            String audience = form.get("audience");
            if (audience == null || !client.audiences().contains(audience)) {
                answer(exchange, 400, error("invalid_target", id + " may ask for a token for one of "
                        + client.audiences()));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", tokens.issueFor(List.of(audience), id, TOKEN_LIFETIME, "service"));
            body.put("token_type", "Bearer");
            body.put("expires_in", TOKEN_LIFETIME.toSeconds());
            answer(exchange, 200, body);
        }
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(UTF_8), given.getBytes(UTF_8));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        UTF_8));
            }
        }
        return form;
    }

    /** client_id and client_secret from HTTP Basic authentication (client_secret_basic), if used. */
    private static Map<String, String> basic(String header) {
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

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
