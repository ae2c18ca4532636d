package kz.aqkol.alert.silence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.alert.routing.Matcher;
import kz.aqkol.platform.audit.AuditEntry;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.security.Caller;

/** Silences, created and expired by people, each change recorded in the audit chain with who and why. */
@ApplicationScoped
public class SilenceService {

    private final AuditLog audit;
    private final Clock clock;

    SilenceService(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Silence> create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String comment, Caller by) {
        Instant now = Instant.now(clock);
        Silence silence = new Silence();
        silence.id = UUID.randomUUID();
        silence.matchers = new Silence.Matchers(List.copyOf(matchers));
        silence.startsAt = startsAt == null ? now : startsAt;
        silence.endsAt = endsAt;
        silence.comment = comment;
        silence.createdBy = by.name();
        silence.createdAt = now;
        if (!silence.endsAt.isAfter(silence.startsAt)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
        return Panache.getSession().chain(session -> session.persist(silence))
                .call(() -> audited(by, "SILENCE_CREATED", silence, comment))
                .replaceWith(silence);
    }

    /** Silences that have not ended yet at {@code at} (active or pending), or all of them. */
    @WithSession
    public Uni<List<Silence>> list(boolean includeExpired) {
        return Panache.getSession().chain(session -> includeExpired
                ? session.createSelectionQuery("from Silence order by startsAt desc", Silence.class).getResultList()
                : session.createSelectionQuery("from Silence where endsAt > :now order by startsAt desc",
                                Silence.class)
                        .setParameter("now", Instant.now(clock))
                        .getResultList());
    }

    @WithSession
    public Uni<Silence> find(UUID id) {
        return Panache.getSession().chain(session -> session.find(Silence.class, id));
    }

    /** Ends a silence now; its alerts are notified again on their next round. */
    @WithTransaction
    public Uni<Silence> expire(UUID id, Caller by) {
        return Panache.getSession().chain(session -> session.find(Silence.class, id)).chain(silence -> {
            if (silence == null) {
                throw ProblemException.notFound("silence", id);
            }
            Instant now = Instant.now(clock);
            if (!silence.endsAt.isAfter(now)) {
                return Uni.createFrom().item(silence);
            }
            silence.endsAt = now.isAfter(silence.startsAt) ? now : silence.startsAt.plusMillis(1);
            return audited(by, "SILENCE_EXPIRED", silence, null).replaceWith(silence);
        });
    }

    private Uni<AuditEntry> audited(Caller by, String action, Silence silence, String comment) {
        return audit.append(by, action, "silence", silence.id.toString(), null,
                comment == null ? "not stated" : comment, "matchers " + silence.matchers.all());
    }

    /** The silences in force now (for the notifier, within its session). */
    public Uni<List<Silence>> activeNow() {
        Instant now = Instant.now(clock);
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from Silence where startsAt <= :now and endsAt > :now", Silence.class)
                .setParameter("now", now)
                .getResultList());
    }
}
