package kz.aqkol.devstack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /authorize} of {@link DevIssuer} (OpenID Connect Core §3.1.2, authorization code with PKCE S256 only):
 * {@code GET} shows the development sign-in page for a valid request, {@code POST} takes the person's choice and
 * sends them back to the client with a one-time code. An unknown client or a redirect URI it has not registered is
 * refused on a page, never redirected; anything else wrong goes back to the client as an OAuth error.
 */
final class AuthorizeEndpoint {

    /** The request's parameters the form carries back, in order. */
    private static final List<String> CARRIED = List.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, DevIssuer.Client> clients;
    private final AuthorizationCodes codes;
    private final Clock clock;

    AuthorizeEndpoint(Map<String, DevIssuer.Client> clients, AuthorizationCodes codes, Clock clock) {
        this.clients = clients;
        this.codes = codes;
        this.clock = clock;
    }

    void handle(HttpExchange exchange) throws IOException {
        boolean post = "POST".equals(exchange.getRequestMethod());
        if (!post && !"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            Exchanges.html(exchange, 405, SignInPage.refused("Only GET and POST."));
            return;
        }
        Exchanges.Params params = post ? Exchanges.form(exchange) : Exchanges.query(exchange);
        String clientId = params.single("client_id");
        DevIssuer.Client client = clientId == null ? null : clients.get(clientId);
        if (client == null) {
            Exchanges.html(exchange, 400, SignInPage.refused("Unknown client."));
            return;
        }
        String redirectUri = params.single("redirect_uri");
        if (redirectUri == null || !client.mayRedirectTo(redirectUri)) {
            Exchanges.html(exchange, 400, SignInPage.refused("The redirect URI is not registered for this client."));
            return;
        }
        Problem problem = problem(params);
        if (problem != null) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", problem.error());
            error.put("error_description", problem.description());
            addState(params, error);
            Exchanges.redirect(exchange, Exchanges.withParams(redirectUri, error));
            return;
        }
        Map<String, String> carried = new LinkedHashMap<>();
        CARRIED.forEach(name -> {
            if (params.get(name) != null) {
                carried.put(name, params.get(name));
            }
        });
        if (!post) {
            Exchanges.html(exchange, 200, SignInPage.form(carried, null, null, null));
            return;
        }
        String role = params.single("role");
        String subject = params.single("subject");
        if (role == null || !SignInPage.ROLES.contains(role)) {
            Exchanges.html(exchange, 400, SignInPage.form(carried, null, subject, "Choose one of the roles."));
            return;
        }
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            Exchanges.html(exchange, 400, SignInPage.form(carried, role, subject,
                    "Enter a subject of 1 to 64 letters, digits, '.', '_' or '-'."));
            return;
        }
        String code = codes.issue(new AuthorizationCodes.Grant(clientId, redirectUri, params.get("code_challenge"),
                params.single("nonce"), subject, role, clock.instant()));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        addState(params, answer);
        Exchanges.redirect(exchange, Exchanges.withParams(redirectUri, answer));
    }

    /** An OAuth error to send back to the client (RFC 6749 §4.1.2.1). */
    private record Problem(String error, String description) {

        static Problem invalid(String description) {
            return new Problem("invalid_request", description);
        }
    }

    /** What is wrong with a request from a known client to a registered redirect URI, or null if nothing. */
    private static Problem problem(Exchanges.Params params) {
        if (!params.repeated().isEmpty()) {
            return Problem.invalid("given more than once: " + String.join(", ", params.repeated()));
        }
        if (!"code".equals(params.get("response_type"))) {
            return new Problem("unsupported_response_type", "response_type must be code");
        }
        String scope = params.get("scope");
        if (scope == null || !Arrays.asList(scope.split(" ")).contains("openid")) {
            return new Problem("invalid_scope", "scope must contain openid");
        }
        if (params.single("code_challenge") == null) {
            return Problem.invalid("code_challenge is required (PKCE)");
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            return Problem.invalid("code_challenge_method must be S256");
        }
        if (!Pkce.isChallenge(params.get("code_challenge"))) {
            return Problem.invalid("code_challenge is not an S256 challenge");
        }
        return null;
    }

    private static void addState(Exchanges.Params params, Map<String, String> answer) {
        if (params.get("state") != null) {
            answer.put("state", params.get("state"));
        }
    }
}
