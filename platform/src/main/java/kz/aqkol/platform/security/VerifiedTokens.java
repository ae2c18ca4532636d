package kz.aqkol.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer token once. smallrye-jwt parses and checks a token's signature and claims on every request;
 * a resident's page, an app polling its invoices or a service calling another sends the same token again and again,
 * and that verification was a fifth of what {@code GET /me/invoices} cost (docs/benchmarks.md). A token verified
 * before — the very same string — is answered from memory until its {@code exp}, strictly (no clock skew); anything
 * else, and every token that fails, goes through the full verification. At most {@value #CAPACITY} tokens are kept;
 * when full, the memory is emptied and refills from live traffic.
 *
 * <p>What this gives up: a token verified under a key since removed from {@code mp.jwt.verify.publickey.location}
 * stays accepted until it expires (tokens live minutes to hours), where smallrye-jwt would reject it at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final int CAPACITY = 20_000;

    private final DefaultJWTParser delegate;
    private final ConcurrentHashMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    VerifiedTokens(DefaultJWTParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        // the system clock, as smallrye-jwt's own check uses, not the services' (tests move theirs)
        if (known != null && System.currentTimeMillis() / 1000 < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = delegate.parse(token);
        if (verified.size() >= CAPACITY) {
            verified.clear();
        }
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
