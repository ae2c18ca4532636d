package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person's browser does with Keycloak: keeps its cookies, follows its redirects, fills in its login form, and
 * stops at the redirect back to the portal (which does not run here), where the authorization code is.
 */
final class Browser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    private final KeycloakServer keycloak;
    /**
     * Keycloak's cookies, kept here rather than by java.net.CookieManager, which never sends a Secure cookie over
     * http; browsers do to 127.0.0.1, a secure context to them, and Keycloak marks its session cookies Secure.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Browser(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** The authorization request (with an S256 challenge unless it is null), redirects within Keycloak followed. */
    HttpResponse<String> authorize(String client, String redirectUri, String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid");
        query.put("state", UUID.randomUUID().toString());
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return follow(send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/auth?"
                + KeycloakServer.form(query))).GET()));
    }

    /** Signs in on Keycloak's login form and answers the code the redirect back to the portal carries. */
    String signIn(String client, String redirectUri, String challenge, String username, String password) {
        HttpResponse<String> form = authorize(client, redirectUri, challenge);
        assertThat(form.statusCode()).as("Keycloak's login form").isEqualTo(200);
        HttpResponse<String> afterLogin = follow(send(HttpRequest.newBuilder(URI.create(action(form.body())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.form(Map.of(
                        "username", username, "password", password, "credentialId", ""))))));
        String location = afterLogin.headers().firstValue("Location").orElse("");
        assertThat(location).as("the redirect back to the portal after signing in; the page was:%n%s",
                afterLogin.body()).startsWith(redirectUri + "?");
        Map<String, String> parameters = query(URI.create(location).getRawQuery());
        assertThat(parameters).containsKey("code").doesNotContainKey("error");
        return parameters.get("code");
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10; hops++) {
            String location = current.headers().firstValue("Location").orElse(null);
            if (current.statusCode() / 100 != 3 || location == null || !location.startsWith(keycloak.base())) {
                return current;
            }
            current = send(HttpRequest.newBuilder(URI.create(location)).GET());
        }
        throw new AssertionError("more than 10 redirects within Keycloak");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keep(String setCookie) {
        String[] nameValue = setCookie.split(";", 2)[0].split("=", 2);
        boolean expired = setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
        if (expired || nameValue.length < 2 || nameValue[1].isEmpty()) {
            cookies.remove(nameValue[0].trim());
        } else {
            cookies.put(nameValue[0].trim(), nameValue[1].trim());
        }
    }

    private static String action(String page) {
        Matcher matcher = FORM_ACTION.matcher(page);
        assertThat(matcher.find()).as("a form on the page:%n%s", page).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2)).forEach(pair -> parameters.put(
                URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
        return parameters;
    }
}
