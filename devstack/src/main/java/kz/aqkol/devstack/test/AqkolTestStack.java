package kz.aqkol.devstack.test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;

/**
 * The Quarkus test resource every service's tests use: a real PostgreSQL (a fresh database for the service) and a
 * real MQTT broker, shared by all test classes of the JVM, plus the key that verifies the tests' JWTs. Declare it
 * once per module:
 * <pre>{@code
 * @WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = "database", value = "metering"))
 * }</pre>
 */
public class AqkolTestStack implements QuarkusTestResourceLifecycleManager {

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
        config.put("aqkol.deployment", "development"); // webhook recorders listen on loopback
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("mp.jwt.verify.publickey.location", stack.keys().publicKeyFile().toUri().toString());
        return config;
    }

    @Override
    public void stop() {
        // the servers serve every test class of this JVM and stop when it exits
    }
}
