package kz.aqkol.billing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import kz.aqkol.devstack.test.AqkolTestStack;

/**
 * Every test of this module runs against devstack's PostgreSQL (database "billing") and MQTT broker, and a
 * metering-service consumption API served over HTTP by {@link FakeMetering}.
 */
@WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "billing"))
@WithTestResource(value = FakeMetering.class, scope = TestResourceScope.GLOBAL)
public class TestStackResource {
}
