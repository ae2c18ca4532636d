package kz.aqkol.camera;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import kz.aqkol.devstack.test.AqkolTestStack;

/**
 * Every test of this module runs against devstack's PostgreSQL (database "camera") and MQTT broker, and its
 * simulated recorder.
 */
@WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "camera"))
@WithTestResource(value = FootageRecorderResource.class, scope = TestResourceScope.GLOBAL)
public class TestStackResource {
}
