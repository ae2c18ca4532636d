package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 JWTs with the dev key, in the shape the services verify: issuer {@value #ISSUER}, {@code sub} and
 * {@code upn} the subject (a resident's account number), {@code groups} the roles, {@code aud} the services the
 * token is for (each service refuses a token that does not name it).
 */
public final class DevTokens {

    public static final String ISSUER = "aqkol-dev";
    /** Every service of the village: the audience of a person's token. */
    public static final List<String> SERVICES =
            List.of("camera-service", "metering-service", "billing-service", "alert-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final DevKeys keys;

    public DevTokens(DevKeys keys) {
        this.keys = keys;
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

    private String sign(Map<String, Object> claims) {
        try {
            String header = BASE64URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
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
