package kz.aqkol.billing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import kz.aqkol.devstack.test.AqkolTestStack;

/**
 * Every test of this module runs against devstack's PostgreSQL (database "billing") and MQTT broker, a
 * metering-service consumption API served over HTTP by {@link FakeMetering}, and devstack's payment sandbox
 * ({@link PaymentSandboxResource}).
 */
@WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "billing"))
@WithTestResource(value = FakeMetering.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PaymentSandboxResource.class, scope = TestResourceScope.GLOBAL)
public class TestStackResource {
}
