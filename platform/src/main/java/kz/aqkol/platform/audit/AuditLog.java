package kz.aqkol.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import kz.aqkol.platform.time.DbTimes;
import kz.aqkol.platform.security.Caller;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The service's access-audit chain in its own database. {@link #append} joins the caller's transaction, so an
 * audited action and its entry commit or roll back together; appends are serialised on the head row, so the chain
 * never forks.
 */
@ApplicationScoped
public class AuditLog {

    private static final int VERIFY_PAGE = 1_000;

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** Records what the calling person did. */
    public Uni<AuditEntry> append(Caller caller, String action, String objectType, String objectId,
                                  String subjectAccount, String purpose, String detail) {
        return append(new AuditEvent(caller.name(), caller.role(), action, objectType, objectId, subjectAccount,
                purpose, detail));
    }

    @WithTransaction
    public Uni<AuditEntry> append(AuditEvent event) {
        return Panache.getSession().chain(session -> session
                .find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(head -> {
                    AuditEntry entry = AuditChain.link(head.seq, head.hash, Instant.now(clock), event);
                    head.seq = entry.seq();
                    head.hash = entry.hash();
                    return session.persist(AuditRecord.of(entry)).replaceWith(entry);
                }));
    }

    /** Appends the events in order, in one transaction (a bulk read leaves one entry per resident it touched). */
    @WithTransaction
    public Uni<Void> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session
                .find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(head -> {
                    Instant now = Instant.now(clock);
                    AuditRecord[] records = new AuditRecord[events.size()];
                    for (int i = 0; i < records.length; i++) {
                        AuditEntry entry = AuditChain.link(head.seq, head.hash, now, events.get(i));
                        head.seq = entry.seq();
                        head.hash = entry.hash();
                        records[i] = AuditRecord.of(entry);
                    }
                    return session.persistAll((Object[]) records);
                }));
    }

    /**
     * Appends {@code event} in a transaction of the reactive SQL pool ({@code connection}), for write paths that
     * commit there (billing's money paths): the entry exists exactly when the change it records committed. The same
     * chain and head as {@link #append(AuditEvent)}, so the two kinds of appends interleave safely.
     */
    public Uni<AuditEntry> append(SqlConnection connection, AuditEvent event) {
        return connection.query("select seq, hash from audit_head where id = " + AuditHead.ID + " for update")
                .execute()
                .chain(rows -> {
                    Row head = rows.iterator().next();
                    AuditEntry e = AuditChain.link(head.getLong("seq"), head.getString("hash"), Instant.now(clock),
                            event);
                    return connection.preparedQuery("""
                                    insert into audit_entry (seq, occurred_at, actor, role, action, object_type,
                                        object_id, subject_account, purpose, detail, prev_hash, hash)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                            .execute(Tuple.tuple(Arrays.asList(e.seq(), DbTimes.at(e.occurredAt()), e.actor(),
                                    e.role(), e.action(), e.objectType(), e.objectId(), e.subjectAccount(),
                                    e.purpose(), e.detail(), e.prevHash(), e.hash())))
                            .chain(() -> connection.preparedQuery("update audit_head set seq = $1, hash = $2"
                                    + " where id = " + AuditHead.ID).execute(Tuple.of(e.seq(), e.hash())))
                            .replaceWith(e);
                });
    }

    /** Up to {@code rows} entries matching the query, newest first. */
    @WithSession
    public Uni<List<AuditEntry>> list(AuditQuery query, int rows) {
        return Panache.getSession().chain(session -> {
            var select = session.createSelectionQuery(
                    "from AuditRecord where " + query.where() + " order by seq desc", AuditRecord.class);
            query.parameters().forEach(select::setParameter);
            return select.setMaxResults(rows).getResultList()
                    .map(records -> records.stream().map(AuditLog::entry).toList());
        });
    }

    /**
     * Walks the whole chain from the first entry, a page at a time, through {@code verifier} (which may also hold
     * checkpoints to compare with), and names the first broken link.
     */
    @WithSession
    public Uni<AuditChain.Verification> verify(AuditChain.Verifier verifier) {
        return Panache.getSession().chain(session -> verifyFrom(session, verifier, 0)
                .chain(() -> session.find(AuditHead.class, AuditHead.ID))
                .map(head -> verifier.finish(head.seq, head.hash)));
    }

    private Uni<Void> verifyFrom(Mutiny.Session session, AuditChain.Verifier verifier, long after) {
        return session.createSelectionQuery("from AuditRecord where seq > :after order by seq", AuditRecord.class)
                .setParameter("after", after)
                .setMaxResults(VERIFY_PAGE)
                .getResultList()
                .chain(page -> {
                    session.clear();
                    for (AuditRecord record : page) {
                        if (!verifier.accept(entry(record))) {
                            return Uni.createFrom().voidItem();
                        }
                    }
                    return page.size() < VERIFY_PAGE ? Uni.createFrom().voidItem()
                            : verifyFrom(session, verifier, page.get(page.size() - 1).seq);
                });
    }

    private static AuditEntry entry(AuditRecord r) {
        return new AuditEntry(r.seq, r.occurredAt, r.actor, r.role, r.action, r.objectType, r.objectId,
                r.subjectAccount, r.purpose, r.detail, r.prevHash, r.hash);
    }
}
