package kz.aqkol.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local stack's stand-in for the village's identity provider: a small, strict OpenID Connect provider with
 * issuer {@value DevTokens#ISSUER}, the issuer the services check. Never for production.
 * <ul>
 *   <li>Machines: {@code POST /token} by client credentials (RFC 6749 §4.4) gives a registered service a short-lived
 *   token of the shape production's provider gives: subject the client id, role {@code service}, audience the one
 *   service it asked for (form field {@code audience}) among those it may call. A service renews its token itself
 *   (quarkus oidc-client), so no long-lived service token exists anywhere.</li>
 *   <li>People: the authorization code flow with PKCE S256 only ({@link AuthorizeEndpoint}: a development sign-in
 *   page where anyone picks a role and a subject; {@link TokenEndpoint}: code and verifier for an access token for
 *   the four services and an ID token for the client), RP-initiated logout ({@link LogoutEndpoint}), and what a
 *   client discovers it by: {@code /.well-known/openid-configuration} and {@code /jwks} ({@link ProviderMetadata}).
 *   Redirects go only to URIs the client registered.</li>
 * </ul>
 */
public final class DevIssuer implements AutoCloseable {

    /** How long a service's token lives. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** How long a signed-in person's access and ID tokens live. */
    public static final Duration SIGN_IN_LIFETIME = Duration.ofHours(1);

    /**
     * A registered client: its secret, the services it may get a token for by client credentials, and the URIs the
     * issuer may send a person back to after sign-in or logout: each matches exactly, or, ending in '/', as a prefix
     * of an address that goes no higher ({@code ..}). Services have none.
     */
    public record Client(String secret, Set<String> audiences, List<String> redirectUris) {

        public Client {
            audiences = Set.copyOf(audiences);
            redirectUris = List.copyOf(redirectUris);
        }

        /** A service: client credentials only. */
        public Client(String secret, Set<String> audiences) {
            this(secret, audiences, List.of());
        }

        boolean mayRedirectTo(String uri) {
            if (uri.contains("#")) {
                return false;
            }
            return redirectUris.stream().anyMatch(registered -> registered.equals(uri)
                    || registered.endsWith("/") && uri.startsWith(registered)
                    && !uri.substring(registered.length()).contains(".."));
        }
    }

    private final HttpServer server;

    private DevIssuer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code port} of the loopback address (0: a free one). */
    public static DevIssuer start(int port, DevTokens tokens, Map<String, Client> clients) {
        return start(port, tokens, clients, Clock.systemUTC());
    }

    /** As {@link #start(int, DevTokens, Map)}, telling the time of its authorization codes by {@code clock}. */
    static DevIssuer start(int port, DevTokens tokens, Map<String, Client> clients, Clock clock) {
        Map<String, Client> registered = Map.copyOf(clients);
        AuthorizationCodes codes = new AuthorizationCodes(clock);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DevIssuer issuer = new DevIssuer(server);
            String url = issuer.url();
            route(server, "/token", new TokenEndpoint(tokens, registered, codes)::handle);
            route(server, "/authorize", new AuthorizeEndpoint(registered, codes, clock)::handle);
            route(server, "/logout", new LogoutEndpoint(tokens, registered)::handle);
            route(server, "/.well-known/openid-configuration",
                    exchange -> Exchanges.json(exchange, 200, ProviderMetadata.discovery(url)));
            route(server, "/jwks", exchange -> Exchanges.json(exchange, 200, ProviderMetadata.jwks(tokens.keys())));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the development token issuer", e);
        }
    }

    /** The issuer's base URL: where its discovery document, and the services' oidc-client token path, are. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code handler} for exactly {@code path}; a request it cannot even read gets a 400, not a dropped connection. */
    private static void route(HttpServer server, String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!path.equals(exchange.getRequestURI().getPath())) {
                    Exchanges.json(exchange, 404, Exchanges.error("not_found", "no such endpoint"));
                } else {
                    handleReadable(exchange, handler);
                }
            }
        });
    }

    private static void handleReadable(HttpExchange exchange, HttpHandler handler) throws IOException {
        try {
            handler.handle(exchange);
        } catch (IllegalArgumentException e) {
            if (exchange.getResponseCode() == -1) {
                Exchanges.json(exchange, 400, Exchanges.error("invalid_request", "malformed encoding"));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
