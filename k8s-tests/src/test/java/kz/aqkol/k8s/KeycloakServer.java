package kz.aqkol.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keycloak's own distribution (unpacked by Maven into target/, see the pom) started in development mode on free
 * loopback ports with components/keycloak's realm and the test users of src/test/resources/keycloak, every secret
 * the realm reads from the environment made up for this run. Keycloak needs Java 21 or newer: AQKOL_JAVA21 names
 * one, else the newest under /usr/lib/jvm, else the JVM running the tests if it is new enough; without one the test
 * is skipped, unless AQKOL_REQUIRE_TOOLS is set (.ci/run), then it fails.
 */
final class KeycloakServer {

    static final String REALM = "aqkol";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final List<String> CLIENTS =
            List.of("camera-service", "metering-service", "billing-service", "alert-service");

    private final Process process;
    private final int port;
    private final Map<String, String> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, int port, Map<String, String> secrets) {
        this.process = process;
        this.port = port;
        this.secrets = secrets;
    }

    static KeycloakServer start() {
        Path java = java21();
        Path home = Path.of(System.getProperty("aqkol.keycloak.home", "target/keycloak-dist/keycloak"));
        assertThat(home.resolve("bin/kc.sh")).as("Keycloak's distribution, unpacked by the pom").isRegularFile();
        Path realm = Renders.repository().resolve("k8s/components/keycloak/aqkol-realm.json");
        try {
            Path data = home.resolve("data");
            K8sTree.deleteRecursively(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            Files.copy(realm, imports.resolve("aqkol-realm.json"));
            try (var users = KeycloakServer.class.getResourceAsStream("/keycloak/aqkol-users-0.json")) {
                Files.copy(users, imports.resolve("aqkol-users-0.json"));
            }
            int port = freePort();
            int management = freePort();
            Map<String, String> secrets = new HashMap<>();
            secrets.put("AQKOL_PORTAL_CLIENT_SECRET", secret());
            CLIENTS.forEach(client -> secrets.put(secretVariable(client), secret()));
            secrets.put("AQKOL_TEST_RESIDENT_PASSWORD", secret());
            secrets.put("AQKOL_TEST_DISPATCHER_PASSWORD", secret());
            secrets.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin-" + secret().substring(0, 8));
            secrets.put("KC_BOOTSTRAP_ADMIN_PASSWORD", secret());

            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + management, "--health-enabled=true",
                    // as in components/keycloak: one public name, backchannel requests answered where they came
                    "--hostname=http://127.0.0.1:" + port, "--hostname-backchannel-dynamic=true")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of(System.getProperty("aqkol.keycloak.log", "target/keycloak.log")).toFile());
            builder.environment().putAll(secrets);
            builder.environment().put("JAVA_HOME", java.toString());
            long started = System.nanoTime();
            KeycloakServer server = new KeycloakServer(builder.start(), port, secrets);
            server.awaitReady(URI.create("http://127.0.0.1:" + management + "/health/ready"));
            System.out.printf("Keycloak ready after %.1f s (Java %s)%n", (System.nanoTime() - started) / 1e9, java);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return base() + "/realms/" + REALM;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String portalSecret() {
        return secrets.get("AQKOL_PORTAL_CLIENT_SECRET");
    }

    String clientSecret(String client) {
        return secrets.get(secretVariable(client));
    }

    String residentPassword() {
        return secrets.get("AQKOL_TEST_RESIDENT_PASSWORD");
    }

    String dispatcherPassword() {
        return secrets.get("AQKOL_TEST_DISPATCHER_PASSWORD");
    }

    /** A POST to the realm's token endpoint, the client authenticated with HTTP Basic as quarkus-oidc does. */
    HttpResponse<String> token(String client, String secret, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((encode(client) + ":" + encode(secret))
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    /** The tokens for a code, exchanged as the portal does; fails unless Keycloak answers with them. */
    JsonNode exchange(String code, String client, String redirectUri, String verifier) {
        HttpResponse<String> response = token(client, portalSecret(), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", redirectUri, "code_verifier", verifier));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /**
     * A resident as the utility provisions one (docs/operations.md, "Keycloak"): a partial import whose user id is the
     * account number, so the account number becomes the subject of every token.
     */
    void provisionResident(String account, String password) {
        String body = """
                {"ifResourceExists": "FAIL", "users": [{"id": "%1$s", "username": "%1$s", "enabled": true,
                  "firstName": "Test", "lastName": "Resident", "email": "%1$s@residents.aqkol.example",
                  "emailVerified": true, "realmRoles": ["resident"],
                  "credentials": [{"type": "password", "value": "%2$s", "temporary": false}]}]}
                """.formatted(account, password);
        HttpResponse<String> response = admin("POST", "/partialImport", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An administrator's attempt to change a user's name, as Keycloak answers it. */
    HttpResponse<String> renameUser(String id, String username) {
        return admin("PUT", "/users/" + id, "{\"username\": \"" + username + "\"}");
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpResponse<String> login = send(HttpRequest.newBuilder(
                        URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", secrets.get("KC_BOOTSTRAP_ADMIN_USERNAME"),
                        "password", secrets.get("KC_BOOTSTRAP_ADMIN_PASSWORD"))))).build());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = Json.parse(login.body()).path("access_token").asText();
        return send(HttpRequest.newBuilder(URI.create(base() + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Stops Keycloak and every process it started (kc.sh runs Java as its child). */
    void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private void awaitReady(URI ready) {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("Keycloak stopped with exit code " + process.exitValue() + "; see "
                            + System.getProperty("aqkol.keycloak.log", "target/keycloak.log"));
                }
                try {
                    return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError e) {
            stop();
            throw e;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String secretVariable(String client) {
        return "AQKOL_" + client.toUpperCase().replace('-', '_') + "_CLIENT_SECRET";
    }

    private static String secret() {
        return UUID.randomUUID().toString();
    }

    /** A JDK of version 21 or newer to run Keycloak with; skips (or fails, when tools are required) without one. */
    private static Path java21() {
        Optional<Path> found = Optional.ofNullable(System.getenv("AQKOL_JAVA21")).map(Path::of)
                .filter(KeycloakServer::isJava21)
                .or(KeycloakServer::newestInstalled)
                .or(() -> Optional.of(Path.of(System.getProperty("java.home"))).filter(KeycloakServer::isJava21));
        String missing = "Keycloak needs Java 21 or newer: install a JDK 21+ (e.g. Debian's openjdk-21-jdk or "
                + "Temurin 21/25 under /usr/lib/jvm) or name one with AQKOL_JAVA21";
        if (found.isEmpty() && System.getenv("AQKOL_REQUIRE_TOOLS") != null) {
            throw new AssertionError(missing);
        }
        assumeTrue(found.isPresent(), missing);
        return found.get();
    }

    private static Optional<Path> newestInstalled() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(KeycloakServer::isJava21).max(Comparator.comparingInt(KeycloakServer::feature));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJava21(Path home) {
        return Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 21;
    }

    /** The feature version a JDK's release file names (JAVA_VERSION="25.0.1" is 25), 0 when it names none. */
    private static int feature(Path home) {
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> version.split("[.+-]")[0])
                    .filter(major -> major.matches("\\d+"))
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
