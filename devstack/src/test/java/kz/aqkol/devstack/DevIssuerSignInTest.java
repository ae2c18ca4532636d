package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The development sign-in as an OpenID Connect client (the portal) and a browser see it: discovery, the sign-in page,
 * code and PKCE verifier for tokens the services accept, and every way a request is refused.
 */
class DevIssuerSignInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PORTAL = "portal";
    private static final String SECRET = "portal-secret";
    private static final String CALLBACK = "http://localhost:8085/portal/callback";
    private static final String SIGNED_OUT = "http://localhost:8085/signed-out";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecureRandom random = new SecureRandom();
    private final SettableClock clock = new SettableClock();
    private Path keyDirectory;
    private DevIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        keyDirectory = Files.createTempDirectory("dev-issuer-sign-in-test");
        issuer = DevIssuer.start(0, new DevTokens(DevKeys.in(keyDirectory)), Map.of(
                PORTAL, new DevIssuer.Client(SECRET, Set.of(), List.of("http://localhost:8085/portal/", SIGNED_OUT)),
                "billing-service", new DevIssuer.Client("billing-secret", Set.of("metering-service"))), clock);
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void discoveryNamesTheIssuerTheServicesCheckAndItsEndpoints() throws Exception {
        HttpResponse<String> answer = get("/.well-known/openid-configuration");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(answer.body());
        assertThat(metadata.path("issuer").asText()).isEqualTo(DevTokens.ISSUER);
        assertThat(metadata.path("authorization_endpoint").asText()).isEqualTo(issuer.url() + "/authorize");
        assertThat(metadata.path("token_endpoint").asText()).isEqualTo(issuer.url() + "/token");
        assertThat(metadata.path("jwks_uri").asText()).isEqualTo(issuer.url() + "/jwks");
        assertThat(metadata.path("end_session_endpoint").asText()).isEqualTo(issuer.url() + "/logout");
        assertThat(metadata.path("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(metadata.path("grant_types_supported").toString())
                .isEqualTo("[\"authorization_code\",\"client_credentials\"]");
        assertThat(metadata.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(metadata.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(metadata.path("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(metadata.path("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"client_secret_basic\",\"client_secret_post\"]");
        assertThat(metadata.path("scopes_supported").toString()).isEqualTo("[\"openid\"]");
    }

    @Test
    void theSignInPageIsLabelledAndCarriesTheRequestEscaped() throws Exception {
        Map<String, String> request = authorization(challenge(verifier()));
        request.put("state", "s\"><script>alert(1)</script>");

        HttpResponse<String> page = get("/authorize?" + encode(request));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String html = page.body();
        assertThat(html).contains("<html lang=\"en\">", "<h1>Development sign-in — not for production</h1>",
                "<label for=\"subject\">", "<legend>Role</legend>", "<button type=\"submit\">");
        for (String role : List.of("operator", "dispatcher", "auditor", "resident")) {
            assertThat(html).contains("<label for=\"role-" + role + "\"><input type=\"radio\" name=\"role\" id=\"role-"
                    + role + "\" value=\"" + role + "\"");
        }
        assertThat(html).doesNotContain("value=\"service\"", "<script>");
        assertThat(html).contains("<input type=\"hidden\" name=\"state\" value=\"s&quot;&gt;&lt;script&gt;",
                "<input type=\"hidden\" name=\"code_challenge\" value=\"" + request.get("code_challenge") + "\">",
                "<input type=\"hidden\" name=\"redirect_uri\" value=\"" + CALLBACK + "\">");
    }

    @Test
    void aResidentSignsInAndTheTokensSayWhoForWhomAndHowLong() throws Exception {
        String verifier = verifier();
        Map<String, String> request = authorization(challenge(verifier));

        HttpResponse<String> back = signIn(request, "resident", "AQ-0001");

        assertThat(back.statusCode()).isEqualTo(302);
        Map<String, String> callback = query(back.headers().firstValue("Location").orElseThrow(), CALLBACK);
        assertThat(callback).containsEntry("state", request.get("state")).containsKey("code");

        HttpResponse<String> answer = token(callback.get("code"), verifier, CALLBACK, SECRET);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);

        PublicKey devKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(Files.readString(keyDirectory.resolve("public.pem")).replaceAll("-----[A-Z ]+-----", ""))));
        JsonNode access = verified(body.path("access_token").asText(), devKey);
        assertThat(access.path("iss").asText()).isEqualTo("aqkol-dev");
        assertThat(access.path("aud").toString())
                .isEqualTo("[\"camera-service\",\"metering-service\",\"billing-service\",\"alert-service\"]");
        assertThat(access.path("sub").asText()).isEqualTo("AQ-0001");
        assertThat(access.path("groups").toString()).isEqualTo("[\"resident\"]");
        assertThat(access.path("exp").asLong() - access.path("iat").asLong()).isEqualTo(3600);

        JsonNode id = verified(body.path("id_token").asText(), devKey);
        assertThat(id.path("iss").asText()).isEqualTo("aqkol-dev");
        assertThat(id.path("aud").asText()).isEqualTo(PORTAL);
        assertThat(id.path("sub").asText()).isEqualTo("AQ-0001");
        assertThat(id.path("name").asText()).isEqualTo("AQ-0001");
        assertThat(id.path("nonce").asText()).isEqualTo(request.get("nonce"));
        assertThat(id.path("groups").toString()).isEqualTo("[\"resident\"]");
        assertThat(id.path("auth_time").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(id.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());

        HttpResponse<String> again = token(callback.get("code"), verifier, CALLBACK, SECRET);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(again.body()).doesNotContain("access_token");
    }

    @Test
    void theIdTokenVerifiesWithTheKeyFromJwks() throws Exception {
        String verifier = verifier();
        String code = code(signIn(authorization(challenge(verifier)), "dispatcher", "dispatcher-1"));
        String idToken = JSON.readTree(token(code, verifier, CALLBACK, SECRET).body()).path("id_token").asText();

        JsonNode jwk = JSON.readTree(get("/jwks").body()).path("keys").get(0);
        assertThat(jwk.path("kty").asText()).isEqualTo("RSA");
        PublicKey published = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));

        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[0]));
        assertThat(header.path("kid").asText()).isNotEmpty().isEqualTo(jwk.path("kid").asText());
        assertThat(verified(idToken, published).path("groups").toString()).isEqualTo("[\"dispatcher\"]");
    }

    @Test
    void aCodeNeedsItsOwnVerifierItsOwnRedirectTheClientsSecretAndLittleTime() throws Exception {
        String verifier = verifier();
        String wrongVerifier = code(signIn(authorization(challenge(verifier)), "operator", "operator-1"));
        assertGrantRefused(token(wrongVerifier, verifier(), CALLBACK, SECRET));
        assertGrantRefused(token(wrongVerifier, verifier, CALLBACK, SECRET)); // a failed try spends the code

        String noVerifier = code(signIn(authorization(challenge(verifier)), "operator", "operator-1"));
        assertGrantRefused(token(noVerifier, null, CALLBACK, SECRET));

        String otherRedirect = code(signIn(authorization(challenge(verifier)), "operator", "operator-1"));
        assertGrantRefused(token(otherRedirect, verifier, "http://localhost:8085/portal/other", SECRET));

        String wrongSecret = code(signIn(authorization(challenge(verifier)), "operator", "operator-1"));
        assertThat(token(wrongSecret, verifier, CALLBACK, "guess").statusCode()).isEqualTo(401);

        String late = code(signIn(authorization(challenge(verifier)), "operator", "operator-1"));
        clock.advance(Duration.ofSeconds(61));
        assertGrantRefused(token(late, verifier, CALLBACK, SECRET));
    }

    @Test
    void anUnknownClientOrUnregisteredRedirectIsRefusedOnAPageNeverRedirected() throws Exception {
        Map<String, String> request = authorization(challenge(verifier()));
        for (String redirect : List.of("http://localhost:8085/elsewhere", "http://localhost:8085/portalx",
                "http://localhost:8085/portal/../admin", "http://localhost:8085/portal/callback#x",
                "http://evil.example/portal/callback")) {
            request.put("redirect_uri", redirect);
            assertRefusedOnAPage(get("/authorize?" + encode(request)), "not registered");
            assertRefusedOnAPage(signIn(request, "resident", "AQ-0001"), "not registered");
        }
        request.put("redirect_uri", CALLBACK);
        request.put("client_id", "nobody");
        assertRefusedOnAPage(get("/authorize?" + encode(request)), "Unknown client");
    }

    @Test
    void withoutAnS256ChallengeTheClientIsToldInvalidRequest() throws Exception {
        Map<String, String> missing = authorization(challenge(verifier()));
        missing.remove("code_challenge");
        assertInvalidRequest(get("/authorize?" + encode(missing)), missing.get("state"));

        String verifier = verifier();
        Map<String, String> plain = authorization(verifier);
        plain.put("code_challenge_method", "plain");
        assertInvalidRequest(get("/authorize?" + encode(plain)), plain.get("state"));
        assertInvalidRequest(signIn(plain, "resident", "AQ-0001"), plain.get("state"));
    }

    @Test
    void aRoleNotOfferedOrABadSubjectGetsThePageAgainAndNoCode() throws Exception {
        Map<String, String> request = authorization(challenge(verifier()));
        for (String[] choice : new String[][] {{"service", "billing-service"}, {"resident", ""},
                {"resident", "AQ 0001"}, {"resident", "x".repeat(65)}}) {
            HttpResponse<String> again = signIn(request, choice[0], choice[1]);
            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(again.headers().firstValue("Location")).isEmpty();
            assertThat(again.body()).contains("role=\"alert\"", "<form method=\"post\" action=\"/authorize\">");
        }
    }

    @Test
    void logoutReturnsOnlyToARegisteredAddress() throws Exception {
        HttpResponse<String> unregistered = get("/logout?client_id=portal&post_logout_redirect_uri="
                + URLEncoder.encode("http://evil.example/", UTF_8));
        assertRefusedOnAPage(unregistered, "not registered");

        HttpResponse<String> byClient = get("/logout?client_id=portal&state=s1&post_logout_redirect_uri="
                + URLEncoder.encode(SIGNED_OUT, UTF_8));
        assertThat(byClient.statusCode()).isEqualTo(302);
        assertThat(byClient.headers().firstValue("Location")).hasValue(SIGNED_OUT + "?state=s1");

        String verifier = verifier();
        String code = code(signIn(authorization(challenge(verifier)), "auditor", "auditor-1"));
        String idToken = JSON.readTree(token(code, verifier, CALLBACK, SECRET).body()).path("id_token").asText();
        HttpResponse<String> byHint = get("/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + URLEncoder.encode(SIGNED_OUT, UTF_8));
        assertThat(byHint.statusCode()).isEqualTo(302);
        assertThat(byHint.headers().firstValue("Location")).hasValue(SIGNED_OUT);

        String[] parts = idToken.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8).replace("auditor", "operator")
                        .getBytes(UTF_8)) + "." + parts[2];
        assertRefusedOnAPage(get("/logout?id_token_hint=" + forged + "&post_logout_redirect_uri="
                + URLEncoder.encode(SIGNED_OUT, UTF_8)), "not a token of this issuer");
        assertRefusedOnAPage(get("/logout?post_logout_redirect_uri=" + URLEncoder.encode(SIGNED_OUT, UTF_8)),
                "not registered");
    }

    private Map<String, String> authorization(String challenge) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", PORTAL);
        request.put("redirect_uri", CALLBACK);
        request.put("scope", "openid");
        request.put("state", "state-" + random.nextInt(1_000_000));
        request.put("nonce", "nonce-" + random.nextInt(1_000_000));
        request.put("code_challenge", challenge);
        request.put("code_challenge_method", "S256");
        return request;
    }

    private HttpResponse<String> signIn(Map<String, String> request, String role, String subject) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(request);
        form.put("role", role);
        form.put("subject", subject);
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return query(signedIn.headers().firstValue("Location").orElseThrow(), CALLBACK).get("code");
    }

    /** The portal at its token call: code, verifier and redirect in the form, its secret by HTTP Basic. */
    private HttpResponse<String> token(String code, String verifier, String redirect, String secret) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirect);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        String basic = Base64.getEncoder().encodeToString((PORTAL + ":" + secret).getBytes(UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertGrantRefused(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(answer.body()).doesNotContain("access_token");
    }

    private static void assertRefusedOnAPage(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(answer.body()).contains("<html lang=\"en\">", "<h1>", reason);
    }

    private static void assertInvalidRequest(HttpResponse<String> answer, String state) {
        assertThat(answer.statusCode()).isEqualTo(302);
        Map<String, String> callback = query(answer.headers().firstValue("Location").orElseThrow(), CALLBACK);
        assertThat(callback).containsEntry("error", "invalid_request").containsEntry("state", state)
                .doesNotContainKey("code");
    }

    /** The parameters of {@code location}, which must be {@code base} and a query. */
    private static Map<String, String> query(String location, String base) {
        assertThat(location).startsWith(base + "?");
        return Exchanges.params(location.substring(base.length() + 1)).values();
    }

    /** The claims of an RS256 JWT whose signature {@code key} verifies. */
    private static JsonNode verified(String jwt, PublicKey key) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asText()).isEqualTo("RS256");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(UTF_8));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature").isTrue();
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private String verifier() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(UTF_8)));
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A clock the test moves: codes expire without waiting a minute. */
    private static final class SettableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
