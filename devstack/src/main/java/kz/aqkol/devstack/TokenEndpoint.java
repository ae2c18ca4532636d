package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /token} of {@link DevIssuer}: a registered client, authenticated by its secret (in the form or by HTTP
 * Basic), gets a service token by client credentials (RFC 6749 §4.4) or a person's tokens for a one-time code from
 * {@link AuthorizeEndpoint} and the PKCE verifier that matches its challenge (RFC 6749 §4.1.3, RFC 7636 §4.6).
 */
final class TokenEndpoint {

    private final DevTokens tokens;
    private final Map<String, DevIssuer.Client> clients;
    private final AuthorizationCodes codes;

    TokenEndpoint(DevTokens tokens, Map<String, DevIssuer.Client> clients, AuthorizationCodes codes) {
        this.tokens = tokens;
        this.clients = clients;
        this.codes = codes;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.json(exchange, 405, Exchanges.error("invalid_request", "POST only"));
            return;
        }
        Map<String, String> form = new LinkedHashMap<>(Exchanges.form(exchange).values());
        Exchanges.basic(exchange).forEach(form::putIfAbsent);
        String grantType = form.get("grant_type");
        if (!"client_credentials".equals(grantType) && !"authorization_code".equals(grantType)) {
            Exchanges.json(exchange, 400, Exchanges.error("unsupported_grant_type",
                    "only client_credentials and authorization_code"));
            return;
        }
        String id = form.getOrDefault("client_id", "");
        DevIssuer.Client client = clients.get(id);
        if (client == null || !sameSecret(client.secret(), form.get("client_secret"))) {
            Exchanges.json(exchange, 401, Exchanges.error("invalid_client", "unknown client or wrong secret"));
            return;
        }
        if ("client_credentials".equals(grantType)) {
            clientCredentials(exchange, id, client, form);
        } else {
            authorizationCode(exchange, id, form);
        }
    }

    private void clientCredentials(HttpExchange exchange, String id, DevIssuer.Client client, Map<String, String> form)
            throws IOException {
        String audience = form.get("audience");
        if (audience == null || !client.audiences().contains(audience)) {
            Exchanges.json(exchange, 400, Exchanges.error("invalid_target", id + " may ask for a token for one of "
                    + client.audiences()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueFor(List.of(audience), id, DevIssuer.TOKEN_LIFETIME, "service"));
        body.put("token_type", "Bearer");
        body.put("expires_in", DevIssuer.TOKEN_LIFETIME.toSeconds());
        Exchanges.json(exchange, 200, body);
    }

    private void authorizationCode(HttpExchange exchange, String id, Map<String, String> form) throws IOException {
        Optional<AuthorizationCodes.Grant> redeemed = codes.redeem(form.get("code"));
        if (redeemed.isEmpty()) {
            Exchanges.json(exchange, 400, Exchanges.error("invalid_grant", "unknown, used or expired code"));
            return;
        }
        AuthorizationCodes.Grant grant = redeemed.get();
        if (!grant.clientId().equals(id) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            Exchanges.json(exchange, 400, Exchanges.error("invalid_grant",
                    "the code was issued to another client or redirect_uri"));
            return;
        }
        if (!Pkce.verifies(form.get("code_verifier"), grant.codeChallenge())) {
            Exchanges.json(exchange, 400, Exchanges.error("invalid_grant", "code_verifier does not match the challenge"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(grant.subject(), DevIssuer.SIGN_IN_LIFETIME, grant.role()));
        body.put("id_token", tokens.idToken(id, grant.subject(), grant.role(), grant.nonce(), grant.authTime(),
                DevIssuer.SIGN_IN_LIFETIME));
        body.put("token_type", "Bearer");
        body.put("expires_in", DevIssuer.SIGN_IN_LIFETIME.toSeconds());
        body.put("scope", "openid");
        Exchanges.json(exchange, 200, body);
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(UTF_8), given.getBytes(UTF_8));
    }
}
