package kz.aqkol.platform.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import java.util.function.Supplier;

/**
 * Runs work on a new duplicated Vert.x context, marked safe: what Hibernate Reactive needs to open a session of its
 * own. Each subscription gets a fresh context, so a retry starts clean.
 */
public final class FreshContext {

    private FreshContext() {
    }

    public static <T> Uni<T> run(Context parent, Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = VertxContext.createNewDuplicatedContext(parent);
            VertxContextSafetyToggle.setContextSafe(context, true);
            return Uni.createFrom().<T>deferred(work).runSubscriptionOn(task -> context.runOnContext(v -> task.run()));
        });
    }
}
