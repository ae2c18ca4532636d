package kz.aqkol.alert;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import kz.aqkol.devstack.test.MutableClock;

/** The application's clock in tests: one the tests can move forward (escalations without sleeping). */
class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
