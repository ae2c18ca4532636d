package kz.aqkol.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /logout} of {@link DevIssuer}, the end-session endpoint (OpenID Connect RP-Initiated Logout 1.0). The
 * issuer keeps no session, so logging out only sends the person back: to {@code post_logout_redirect_uri} when the
 * client, named by {@code client_id} or by the audience of an {@code id_token_hint} this issuer signed, registered
 * it (with {@code state} if given); otherwise a page says so. Nothing is ever redirected to an unregistered URI.
 */
final class LogoutEndpoint {

    private final DevTokens tokens;
    private final Map<String, DevIssuer.Client> clients;

    LogoutEndpoint(DevTokens tokens, Map<String, DevIssuer.Client> clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            Exchanges.html(exchange, 405, SignInPage.refused("Only GET."));
            return;
        }
        Exchanges.Params params = Exchanges.query(exchange);
        String target = params.single("post_logout_redirect_uri");
        String clientId = params.single("client_id");
        String hint = params.single("id_token_hint");
        if (hint != null) {
            Optional<JsonNode> claims = tokens.signedHere(hint);
            if (claims.isEmpty()) {
                Exchanges.html(exchange, 400, SignInPage.refused("The id_token_hint is not a token of this issuer."));
                return;
            }
            String audience = claims.get().path("aud").asText();
            if (clientId != null && !clientId.equals(audience)) {
                Exchanges.html(exchange, 400, SignInPage.refused("The id_token_hint is for another client."));
                return;
            }
            clientId = audience;
        }
        if (target == null) {
            Exchanges.html(exchange, 200, SignInPage.signedOut());
            return;
        }
        DevIssuer.Client client = clientId == null ? null : clients.get(clientId);
        if (client == null || !client.mayRedirectTo(target)) {
            Exchanges.html(exchange, 400, SignInPage.refused(
                    "The address to return to after logout is not registered for this client."));
            return;
        }
        String state = params.single("state");
        Exchanges.redirect(exchange, state == null ? target : Exchanges.withParams(target, Map.of("state", state)));
    }
}
