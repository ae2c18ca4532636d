package kz.aqkol.billing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import kz.aqkol.devstack.test.AqkolTestStack;

/** Every test of this module runs against devstack's PostgreSQL (database "billing") and MQTT broker. */
@WithTestResource(value = AqkolTestStack.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "billing"))
public class TestStackResource {
}
