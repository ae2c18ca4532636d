package kz.aqkol.devstack.test;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a service's reactive work from a test thread, on a Vert.x context of its own as the scheduler would (a
 * Hibernate Reactive session needs a safe duplicated context), and waits for its result.
 */
public final class OnVertx {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private OnVertx() {
    }

    public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>emitter(emitter -> context.runOnContext(v -> work.get()
                        .subscribe().with(emitter::complete, emitter::fail)))
                .await().atMost(TIMEOUT);
    }
}
