package kz.aqkol.devstack.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.aqkol.devstack.DevIssuer;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.payments.PaymentSandbox;

/**
 * What a service of the local stack is told about it: system properties for the servers, keys and the other
 * services, and its secrets in the environment. The secrets are made on the stack's first start, under its home.
 */
final class ServiceConfiguration {

    /** Which services each service may get a token for (the identity provider's allow-list): bill runs only. */
    private static final Map<Service, Set<String>> CALLS = Map.of(Service.BILLING, Set.of(Service.METERING.module()));
    /** The portal's client id at the identity provider (the realm's, too: k8s/components/keycloak). */
    static final String PORTAL_CLIENT = "aqkol-portal";

    private final Path home;
    private final StackPorts ports;

    ServiceConfiguration(Path home, StackPorts ports) {
        this.home = home;
        this.ports = ports;
    }

    /** The payment sandbox's signing secret: made on this stack's first start, readable by its owner only. */
    Path paymentSecret() {
        return home.resolve("secrets/payment-sandbox-secret");
    }

    /** The token the simulated footage recorder asks camera-service for. */
    Path recorderToken() {
        return home.resolve("secrets/recorder-token");
    }

    /**
     * Every service is a client of the stack's token endpoint, allowed the audiences of {@link #CALLS}; the portal is
     * the one client that signs people in (authorization code with PKCE), back to its own address only.
     */
    Map<String, DevIssuer.Client> clients() {
        Map<String, DevIssuer.Client> clients = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            clients.put(service.module(), new DevIssuer.Client(clientSecret(service),
                    CALLS.getOrDefault(service, Set.of())));
        }
        int portal = ports.portal().number();
        clients.put(PORTAL_CLIENT, new DevIssuer.Client(portalSecret(), Set.of(),
                List.of("http://127.0.0.1:" + portal + "/", "http://localhost:" + portal + "/")));
        return clients;
    }

    /**
     * The portal's system properties: where the four services (their replica 1) and the sign-in are. It runs as a
     * development deployment, the only kind that accepts the development sign-in.
     */
    Map<String, String> portalProperties(DevIssuer issuer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.oidc.auth-server-url", issuer.url());
        properties.put("quarkus.oidc.client-id", PORTAL_CLIENT);
        for (Service service : Service.values()) {
            properties.put("quarkus.rest-client." + service.database() + ".url",
                    "http://127.0.0.1:" + ports.of(service));
        }
        properties.put("quarkus.log.console.json.enabled", "false");
        return properties;
    }

    /** The portal's secrets: its client secret at the sign-in (also the key its session cookie is sealed with). */
    Map<String, String> portalEnvironment() {
        return Map.of("AQKOL_PORTAL_CLIENT_SECRET", portalSecret(),
                "AQKOL_PORTAL_CSRF_KEY", DevSecret.in(home.resolve("secrets/portal-csrf-key")));
    }

    private String portalSecret() {
        return DevSecret.in(home.resolve("secrets/portal-client-secret"));
    }

    /**
     * A replica's system properties; the rest is its service's own default. It runs as a database role of its own
     * that may only append to its audit chain (Flyway migrates as the server's user), signs its audit checkpoints
     * with its service's key, and has the other three services (their replica 1) as witnesses. Replicas of one
     * service differ only in their {@code aqkol.instance}, hence their MQTT client ids; they share the database and
     * the share groups. {@code extra} comes last and wins.
     */
    Map<String, String> properties(Replica replica, DevStack stack, DevIssuer issuer, PaymentSandbox payments,
                                   Map<String, String> extra) {
        Service service = replica.service();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.putAll(stack.postgres().runtimeServiceConfig(service.database()));
        properties.put("aqkol.mqtt.host", stack.broker().host());
        properties.put("aqkol.mqtt.port", Integer.toString(stack.broker().port()));
        properties.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        properties.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        // ./aqkol token's tokens last a working day; production's provider issues them minutes long
        properties.put("mp.jwt.verify.token.age", Long.toString(Role.TOKEN_VALIDITY.toSeconds()));
        properties.put("aqkol.identity.url", issuer.url());
        properties.put("aqkol.audit.signing-key", stack.auditKeys().privateKeyFile(service.module()).toString());
        properties.put("aqkol.audit.public-keys", stack.auditKeys().publicKeysDirectory().toString());
        properties.put("aqkol.audit.witnesses", ports.services().keySet().stream()
                .filter(other -> other != service)
                .map(other -> "http://127.0.0.1:" + ports.of(other))
                .collect(Collectors.joining(",")));
        properties.put("aqkol.instance", replica.instance());
        properties.put("quarkus.log.console.json.enabled", "false");
        if (service == Service.BILLING) {
            // bill runs ask metering-service (its replica 1) for consumption, wherever this stack put it
            properties.put("quarkus.rest-client.metering.url", "http://127.0.0.1:" + ports.of(Service.METERING));
            // residents pay through the sandbox; the secret both sign with is this stack's own, passed as its file
            properties.put("aqkol.billing.payments.sandbox.url", payments.url());
            properties.put("aqkol.billing.payments.sandbox.secret-file", paymentSecret().toString());
            // after the checkout the provider may send the payer back to the portal, and nowhere else
            int portal = ports.portal().number();
            properties.put("aqkol.billing.payments.return-origins",
                    "http://127.0.0.1:" + portal + ",http://localhost:" + portal);
        }
        properties.putAll(extra);
        return properties;
    }

    /**
     * Secrets go in the environment, not on the command line, which every user of the machine can read: the key
     * camera-service pseudonymises plates with, and each service's client secret at the stack's token endpoint. A
     * database password is the user's own {@code PGPASSWORD}, which the services inherit (see
     * {@link kz.aqkol.devstack.Postgres#serviceConfig()}).
     */
    Map<String, String> environment(Service service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AQKOL_CAMERA_PLATE_KEY", DevSecret.in(home.resolve("secrets/camera-plate-key")));
        environment.put("AQKOL_IDENTITY_CLIENT_SECRET", clientSecret(service));
        return environment;
    }

    private String clientSecret(Service service) {
        return DevSecret.in(home.resolve("secrets/" + service.module() + "-client-secret"));
    }
}
