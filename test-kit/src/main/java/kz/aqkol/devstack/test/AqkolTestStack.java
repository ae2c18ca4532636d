package kz.aqkol.devstack.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import kz.aqkol.devstack.DevIssuer;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;

/**
 * The Quarkus test resource every service's tests use: a real PostgreSQL (a fresh database for the service, which
 * the service uses as a runtime role of its own while Flyway migrates as the owner, as in a cluster) and a real MQTT
 * broker, shared by all test classes of the JVM, plus the key that verifies the tests' JWTs, the service's key for
 * signing audit checkpoints and every service's public key, a {@link CheckpointWitness} standing in for the other
 * services, and a token endpoint ({@link DevIssuer}) where a service gets its own short-lived tokens for the others.
 * Declare it once per module:
 * <pre>{@code
 * @WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = "database", value = "metering"))
 * }</pre>
 */
public class AqkolTestStack implements QuarkusTestResourceLifecycleManager {

    /** Where a test finds the witness: the URL of the one this JVM started, whichever class loader started it. */
    public static final String WITNESS_URL = "aqkol.devstack.witness";
    /** One token endpoint for the JVM; every service is a client of it with this secret, for any other service. */
    private static final String CLIENT_SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private static DevIssuer issuer;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = "aqkol_test_" + initArgs.getOrDefault("database", "service");
    }

    @Override
    public Map<String, String> start() {
        DevStack stack = DevStack.forTests();
        stack.postgres().recreateDatabase(database);
        Map<String, String> config = new HashMap<>(stack.postgres().runtimeServiceConfig(database));
        config.put("aqkol.db.name", database);
        config.put("aqkol.mqtt.host", stack.broker().host());
        config.put("aqkol.mqtt.port", Integer.toString(stack.broker().port()));
        config.put("aqkol.instance", "test");
        config.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        config.put("aqkol.audit.signing-key",
                stack.auditKeys().privateKeyFile("${aqkol.service.name}").toAbsolutePath().toString());
        config.put("aqkol.audit.public-keys", stack.auditKeys().publicKeysDirectory().toAbsolutePath().toString());
        config.put("aqkol.audit.witnesses", witness(stack));
        config.put("aqkol.identity.url", issuer(stack).url());
        config.put("aqkol.identity.client-secret", CLIENT_SECRET);
        return config;
    }

    private static synchronized String witness(DevStack stack) {
        if (System.getProperty(WITNESS_URL) == null) {
            System.setProperty(WITNESS_URL, CheckpointWitness.start(stack).url());
        }
        return System.getProperty(WITNESS_URL);
    }

    private static synchronized DevIssuer issuer(DevStack stack) {
        if (issuer == null) {
            Map<String, DevIssuer.Client> clients = new HashMap<>();
            Set<String> audiences = Set.copyOf(DevTokens.SERVICES);
            DevTokens.SERVICES.forEach(service -> clients.put(service, new DevIssuer.Client(CLIENT_SECRET, audiences)));
            issuer = DevIssuer.start(0, stack.tokens(), clients);
        }
        return issuer;
    }

    @Override
    public void stop() {
        // the servers serve every test class of this JVM and stop when it exits
    }
}
