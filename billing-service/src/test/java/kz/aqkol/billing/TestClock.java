package kz.aqkol.billing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import kz.aqkol.devstack.test.MutableClock;

/** The application's clock in tests: one the tests can move forward (due dates and dunning without waiting). */
class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
