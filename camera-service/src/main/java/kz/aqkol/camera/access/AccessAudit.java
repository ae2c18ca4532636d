package kz.aqkol.camera.access;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import kz.aqkol.platform.audit.AuditLog;

/** Records refused looks at personal data, in a transaction of their own (the refused one has rolled back). */
@ApplicationScoped
public class AccessAudit {

    private final AuditLog audit;

    AccessAudit(AuditLog audit) {
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Void> denied(Actor actor, Denied denied) {
        return audit.append(actor.did("ACCESS_DENIED", denied.objectType(), denied.objectId(), null,
                denied.getMessage())).replaceWithVoid();
    }

    /** Passes {@code work} through, recording a {@link Denied} failure in the chain before it reaches the client. */
    public <T> Uni<T> recordingDenials(Actor actor, Uni<T> work) {
        return work.onFailure(Denied.class).call(failure -> denied(actor, (Denied) failure));
    }
}
