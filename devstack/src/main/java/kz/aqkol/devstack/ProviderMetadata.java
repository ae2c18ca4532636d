package kz.aqkol.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DevIssuer} publishes about itself: its OpenID Connect discovery document (OpenID Connect Discovery
 * 1.0 §3) and its signing key as a JWK Set (RFC 7517), the same key whose id the tokens' {@code kid} names.
 */
final class ProviderMetadata {

    private ProviderMetadata() {
    }

    /** The discovery document of the issuer served at {@code url}. Its issuer is {@value DevTokens#ISSUER}. */
    static Map<String, Object> discovery(String url) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", DevTokens.ISSUER);
        metadata.put("authorization_endpoint", url + "/authorize");
        metadata.put("token_endpoint", url + "/token");
        metadata.put("jwks_uri", url + "/jwks");
        metadata.put("end_session_endpoint", url + "/logout");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("scopes_supported", List.of("openid"));
        metadata.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "name",
                "groups"));
        return metadata;
    }

    /** The public half of {@code keys} as the one RSA signing key of a JWK Set. */
    static Map<String, Object> jwks(DevKeys keys) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", keys.keyId());
        key.put("n", DevKeys.base64url(keys.publicKey().getModulus()));
        key.put("e", DevKeys.base64url(keys.publicKey().getPublicExponent()));
        return Map.of("keys", List.of(key));
    }
}
