package kz.aqkol.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The claims of a JWT as its receiver reads them (the signature is the receiver's business, not checked here). */
record Jwt(JsonNode json) {

    static Jwt decode(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a signed JWT: " + token);
        }
        return new Jwt(Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
    }

    String text(String claim) {
        return json.path(claim).isMissingNode() ? null : json.path(claim).asText();
    }

    /** A claim that may be one string or an array of them (aud), as a list; empty when absent. */
    List<String> strings(String claim) {
        JsonNode value = json.path(claim);
        List<String> strings = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> strings.add(item.asText()));
        } else if (value.isTextual()) {
            strings.add(value.asText());
        }
        return strings;
    }
}
