package kz.aqkol.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Real RS256 tokens through smallrye-jwt's own parser: a token is verified once, and never trusted past its exp. */
class VerifiedTokensTest {

    private static final String ISSUER = "aqkol-test";

    private final KeyPair keys = keys();
    private final VerifiedTokens tokens = new VerifiedTokens(new DefaultJWTParser(context()));

    @Test
    void theSameTokenIsVerifiedOnce() throws Exception {
        String token = sign(keys, 3600);
        JsonWebToken first = tokens.parse(token);
        assertThat(first.getSubject()).isEqualTo("AQ-0001");
        assertThat(tokens.parse(token)).isSameAs(first);
        assertThat(tokens.parse(sign(keys, 3600))).isNotSameAs(first);
    }

    @Test
    void aTokenIsNotTakenFromMemoryOnceItHasExpired() throws Exception {
        String token = sign(keys, 2);
        tokens.parse(token);
        Thread.sleep(3_100);
        assertThatThrownBy(() -> tokens.parse(token)).isInstanceOf(ParseException.class);
    }

    @Test
    void aTokenThatFailsIsNeverRemembered() throws Exception {
        String forged = sign(keys(), 3600);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
    }

    private JWTAuthContextInfo context() {
        JWTAuthContextInfo info = new JWTAuthContextInfo((RSAPublicKey) keys.getPublic(), ISSUER);
        info.setClockSkew(0);
        return info;
    }

    private static String sign(KeyPair signer, int seconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("AQ-0001");
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTimeMinutesInTheFuture(seconds / 60f);
        claims.setStringListClaim("groups", "resident");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
