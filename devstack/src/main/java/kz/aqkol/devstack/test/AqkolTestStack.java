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
 * The Quarkus test resource every service's tests use: a real PostgreSQL (a fresh database for the service) and a
 * real MQTT broker, shared by all test classes of the JVM, plus the key that verifies the tests' JWTs and a token
 * endpoint ({@link DevIssuer}) where a service gets its own short-lived tokens for the others. Declare it
 * once per module:
 * <pre>{@code
 * @WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = "database", value = "metering"))
 * }</pre>
 */
public class AqkolTestStack implements QuarkusTestResourceLifecycleManager {

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
        Map<String, String> config = new HashMap<>(stack.postgres().serviceConfig());
        config.put("aqkol.db.name", database);
        config.put("aqkol.mqtt.host", stack.broker().host());
        config.put("aqkol.mqtt.port", Integer.toString(stack.broker().port()));
        config.put("aqkol.instance", "test");
        config.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        config.put("aqkol.identity.url", issuer(stack).url());
        config.put("aqkol.identity.client-secret", CLIENT_SECRET);
        return config;
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
