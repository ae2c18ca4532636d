package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local token endpoint as an OAuth 2.0 client sees it: only a registered client, only its own audiences. */
class DevIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private DevIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        DevTokens tokens = new DevTokens(DevKeys.in(Files.createTempDirectory("dev-issuer-test")));
        issuer = DevIssuer.start(0, tokens, Map.of(
                "billing-service", new DevIssuer.Client("billing-secret", Set.of("metering-service")),
                "alert-service", new DevIssuer.Client("alert-secret", Set.of())));
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void aClientGetsAShortTokenForAnAudienceItMayCall() throws Exception {
        HttpResponse<String> answer = post("grant_type=client_credentials&client_id=billing-service"
                + "&client_secret=billing-secret&audience=metering-service", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(DevIssuer.TOKEN_LIFETIME.toSeconds());
        JsonNode claims = claims(body.path("access_token").asText());
        assertThat(claims.path("sub").asText()).isEqualTo("billing-service");
        assertThat(claims.path("aud").toString()).isEqualTo("[\"metering-service\"]");
        assertThat(claims.path("groups").toString()).isEqualTo("[\"service\"]");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                .isEqualTo(DevIssuer.TOKEN_LIFETIME.toSeconds());
    }

    @Test
    void basicAuthenticationWorksToo() throws Exception {
        String basic = Base64.getEncoder().encodeToString("billing-service:billing-secret".getBytes(UTF_8));
        assertThat(post("grant_type=client_credentials&audience=metering-service", "Basic " + basic).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongSecretAnUnknownClientOrAnAudienceNotAllowedGetNoToken() throws Exception {
        HttpResponse<String> wrongSecret = post("grant_type=client_credentials&client_id=billing-service"
                + "&client_secret=guess&audience=metering-service", null);
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongSecret.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(post("grant_type=client_credentials&client_id=portal&client_secret=billing-secret"
                + "&audience=metering-service", null).statusCode()).isEqualTo(401);

        HttpResponse<String> notAllowed = post("grant_type=client_credentials&client_id=alert-service"
                + "&client_secret=alert-secret&audience=billing-service", null);
        assertThat(notAllowed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notAllowed.body()).path("error").asText()).isEqualTo("invalid_target");
        assertThat(notAllowed.body()).doesNotContain("access_token");

        assertThat(post("grant_type=password&client_id=billing-service&client_secret=billing-secret"
                + "&audience=metering-service", null).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.url() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
