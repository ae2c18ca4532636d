package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realm of components/keycloak, imported by the real Keycloak, signs people in and gives services their tokens
 * exactly as the services and the portal expect (docs/security.md, "Sign-in"): a resident signs in to the portal
 * with the authorization code flow and PKCE and gets an access token for the four services whose subject is their
 * account number; nothing else gets a person a token (no code without a PKCE challenge, no token for a wrong
 * verifier, no password grant); billing-service's own token is for metering-service alone, and no other service
 * gets one for metering-service. Skipped without a Java 21 or newer for Keycloak (see {@link KeycloakServer}).
 */
class KeycloakRealmIT {

    private static final String PORTAL = "aqkol-portal";
    private static final String CALLBACK = "https://portal.aqkol.example/signed-in";
    private static final String[] SERVICES = {"camera-service", "metering-service", "billing-service", "alert-service"};

    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void aResidentSignsInWithPkceAndTheirAccessTokenNamesTheirAccountAndTheFourServices() {
        Browser browser = new Browser(keycloak);
        Pkce pkce = Pkce.create();

        JsonNode tokens = keycloak.exchange(browser.signIn(PORTAL, CALLBACK, pkce.challenge(), "AQ-0001",
                keycloak.residentPassword()), PORTAL, CALLBACK, pkce.verifier());

        Jwt access = Jwt.decode(tokens.path("access_token").asText());
        assertThat(access.text("iss")).isEqualTo(keycloak.issuer());
        assertThat(access.strings("aud")).containsExactlyInAnyOrder(SERVICES);
        assertThat(access.text("sub")).as("a resident's subject is their account number, as assigned")
                .isEqualTo("AQ-0001");
        assertThat(access.text("azp")).isEqualTo(PORTAL);
        assertThat(access.strings("groups")).contains("resident")
                .doesNotContain("operator", "dispatcher", "auditor", "service");
        assertThat(access.json().path("exp").asLong() - access.json().path("iat").asLong())
                .as("access tokens live 5 minutes").isEqualTo(300);
        assertThat(access.json().has("realm_access")).as("roles only in groups").isFalse();

        Jwt id = Jwt.decode(tokens.path("id_token").asText());
        assertThat(id.strings("aud")).containsExactly(PORTAL);
        assertThat(id.text("sub")).isEqualTo("AQ-0001");
        assertThat(id.strings("groups")).contains("resident");
    }

    @Test
    void aDispatcherSignsInAndHoldsTheDispatcherRoleOnly() {
        Pkce pkce = Pkce.create();

        JsonNode tokens = keycloak.exchange(new Browser(keycloak).signIn(PORTAL, CALLBACK, pkce.challenge(),
                "dispatcher-nurlan", keycloak.dispatcherPassword()), PORTAL, CALLBACK, pkce.verifier());

        Jwt access = Jwt.decode(tokens.path("access_token").asText());
        assertThat(access.strings("groups")).contains("dispatcher").doesNotContain("resident", "operator");
        assertThat(access.strings("aud")).containsExactlyInAnyOrder(SERVICES);
        assertThat(access.text("sub")).as("staff are known by Keycloak's id, not their user name")
                .isNotEqualTo("dispatcher-nurlan").isNotBlank();
    }

    @Test
    void anAuthorizationRequestWithoutAPkceChallengeGetsNoLoginForm() {
        HttpResponse<String> response = new Browser(keycloak).authorize(PORTAL, CALLBACK, null);

        String location = response.headers().firstValue("Location").orElse("");
        assertThat(response.body()).doesNotContain("login-actions/authenticate");
        assertThat(location).startsWith(CALLBACK).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void aCodeIsExchangedOnlyWithItsOwnVerifier() {
        Pkce pkce = Pkce.create();
        String code = new Browser(keycloak).signIn(PORTAL, CALLBACK, pkce.challenge(), "AQ-0001",
                keycloak.residentPassword());

        HttpResponse<String> wrong = keycloak.token(PORTAL, keycloak.portalSecret(), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", Pkce.create().verifier()));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Json.parse(wrong.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrong.body()).doesNotContain("access_token");
    }

    @Test
    void thePortalCannotTradeAPasswordForATokenNorWithoutItsSecret() {
        HttpResponse<String> password = keycloak.token(PORTAL, keycloak.portalSecret(), Map.of(
                "grant_type", "password", "username", "AQ-0001", "password", keycloak.residentPassword(),
                "scope", "openid"));
        assertThat(password.statusCode()).isIn(400, 401);
        assertThat(Json.parse(password.body()).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(password.body()).doesNotContain("access_token");

        Pkce pkce = Pkce.create();
        String code = new Browser(keycloak).signIn(PORTAL, CALLBACK, pkce.challenge(), "AQ-0001",
                keycloak.residentPassword());
        HttpResponse<String> noSecret = keycloak.token(PORTAL, "not-" + keycloak.portalSecret(), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK,
                "code_verifier", pkce.verifier()));
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(noSecret.body()).doesNotContain("access_token");
    }

    @Test
    void billingServiceGetsATokenForMeteringServiceOnlyAsItself() {
        HttpResponse<String> response = keycloak.token("billing-service", keycloak.clientSecret("billing-service"),
                Map.of("grant_type", "client_credentials", "audience", "metering-service"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt access = Jwt.decode(Json.parse(response.body()).path("access_token").asText());
        assertThat(access.strings("aud")).containsExactly("metering-service");
        assertThat(access.strings("groups")).containsExactly("service");
        assertThat(access.text("azp")).isEqualTo("billing-service");
        assertThat(access.text("sub")).isEqualTo("billing-service");
        assertThat(access.text("iss")).isEqualTo(keycloak.issuer());
    }

    @Test
    void noOtherServiceGetsATokenForMeteringService() {
        for (String service : new String[] {"camera-service", "alert-service", "metering-service"}) {
            HttpResponse<String> response = keycloak.token(service, keycloak.clientSecret(service),
                    Map.of("grant_type", "client_credentials", "audience", "metering-service"));

            assertThat(response.statusCode()).as(service + ": " + response.body()).isEqualTo(200);
            Jwt access = Jwt.decode(Json.parse(response.body()).path("access_token").asText());
            assertThat(access.strings("aud")).as(service).doesNotContain("metering-service");
            assertThat(access.strings("groups")).as(service).containsExactly("service");
            assertThat(access.text("sub")).isEqualTo(service);
        }
        HttpResponse<String> wrongSecret = keycloak.token("billing-service", UUID.randomUUID().toString(),
                Map.of("grant_type", "client_credentials"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aResidentProvisionedByTheUtilityHasTheAccountNumberAsSubjectAndNobodyRenamesThem() {
        String account = "AQ-" + (10_000 + new SecureRandom().nextInt(80_000));
        String password = UUID.randomUUID().toString();
        keycloak.provisionResident(account, password);

        HttpResponse<String> rename = keycloak.renameUser(account, "renamed-" + account.toLowerCase(Locale.ROOT));
        assertThat(rename.statusCode()).as("even an administrator cannot change a user name").isEqualTo(400);
        assertThat(rename.body()).contains("error-user-attribute-read-only");

        Pkce pkce = Pkce.create();
        JsonNode tokens = keycloak.exchange(new Browser(keycloak).signIn(PORTAL, CALLBACK, pkce.challenge(),
                account, password), PORTAL, CALLBACK, pkce.verifier());
        Jwt access = Jwt.decode(tokens.path("access_token").asText());
        assertThat(access.text("sub")).isEqualTo(account);
        assertThat(access.strings("groups")).contains("resident");
    }
}
