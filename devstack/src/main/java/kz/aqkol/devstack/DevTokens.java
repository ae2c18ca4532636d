package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs RS256 JWTs with the dev key, in the shape the services verify: issuer {@value #ISSUER}, {@code sub} and
 * {@code upn} the subject (a resident's account number), {@code groups} the roles, {@code aud} the services the
 * token is for (each service refuses a token that does not name it). The header names the key ({@code kid}), as
 * {@code /jwks} of {@link DevIssuer} publishes it. Also the ID tokens of {@link DevIssuer}'s sign-in, and the check of
 * a token this key signed (a logout's {@code id_token_hint}).
 */
public final class DevTokens {

    public static final String ISSUER = "aqkol-dev";
    /** Every service of the village: the audience of a person's token. */
    public static final List<String> SERVICES =
            List.of("camera-service", "metering-service", "billing-service", "alert-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final DevKeys keys;

    public DevTokens(DevKeys keys) {
        this.keys = keys;
    }

    /** The key that signs (and {@link DevIssuer} publishes). */
    DevKeys keys() {
        return keys;
    }

    /** A token for every service, for the roles, its subject {@code subject}, valid for {@code ttl} from now. */
    public String issue(String subject, Duration ttl, String... roles) {
        return issueFor(SERVICES, subject, ttl, roles);
    }

    /** A token only the {@code audience} services accept. */
    public String issueFor(List<String> audience, String subject, Duration ttl, String... roles) {
        return sign(claims(ISSUER, audience, subject, Instant.now(), ttl, roles));
    }

    /**
     * A token for every service that names {@code issuer} (signed with the same key), as a test of a production
     * start needs: production refuses the development issuer.
     */
    public String issueAs(String issuer, String subject, Duration ttl, String... roles) {
        return sign(claims(issuer, SERVICES, subject, Instant.now(), ttl, roles));
    }

    /** A token that expired an hour ago, for showing that expired tokens are refused. */
    public String expired(String subject, String... roles) {
        return sign(claims(ISSUER, SERVICES, subject, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1),
                roles));
    }

    private static Map<String, Object> claims(String issuer, List<String> audience, String subject, Instant issuedAt,
                                              Duration ttl, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.of(roles));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /**
     * An OpenID Connect ID token for {@code clientId} (its audience) about a person who signed in at {@code authTime}
     * as {@code subject} in {@code role}; {@code nonce} as the client sent it, left out when it sent none.
     */
    public String idToken(String clientId, String subject, String role, String nonce, Instant authTime, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", clientId);
        claims.put("azp", clientId);
        claims.put("sub", subject);
        claims.put("name", subject);
        claims.put("groups", List.of(role));
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        claims.put("auth_time", authTime.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /**
     * The claims of {@code jwt} if it is an RS256 token this key signed for issuer {@value #ISSUER}, whether or not it
     * has expired (a logout may name a spent ID token); empty for anything else.
     */
    public Optional<JsonNode> signedHere(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(BASE64URL_DECODER.decode(parts[0]));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.publicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(UTF_8));
            if (!"RS256".equals(header.path("alg").asText()) || !rsa.verify(BASE64URL_DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(BASE64URL_DECODER.decode(parts[1]));
            return ISSUER.equals(claims.path("iss").asText()) ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private String sign(Map<String, Object> claims) {
        try {
            Map<String, Object> jose = new LinkedHashMap<>();
            jose.put("alg", "RS256");
            jose.put("typ", "JWT");
            jose.put("kid", keys.keyId());
            String header = BASE64URL.encodeToString(JSON.writeValueAsBytes(jose));
            String payload = BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.privateKey());
            rsa.update((header + "." + payload).getBytes(UTF_8));
            return header + "." + payload + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }
}
