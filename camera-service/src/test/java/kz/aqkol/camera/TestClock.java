package kz.aqkol.camera;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import kz.aqkol.devstack.test.MutableClock;

/** The application's clock in tests: one the tests move forward (silence, expiry) instead of waiting. */
class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return MutableClock.INSTANCE;
    }
}
