package kz.aqkol.platform.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import kz.aqkol.contracts.AuditCheckpoint;
import kz.aqkol.contracts.CheckpointSigning;
import kz.aqkol.contracts.Topics;
import kz.aqkol.platform.ServiceInfo;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Intakes;
import kz.aqkol.platform.messaging.Outbox;
import kz.aqkol.platform.messaging.Refusal;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The checkpoints of the audit chains. Every {@code aqkol.audit.checkpoint-every}, if its chain has grown, the
 * service signs where it stands and publishes that through the outbox on {@code aqkol/v1/audit/checkpoints/<self>};
 * it witnesses the other services' checkpoints from the same topics, keeping those whose signature verifies with the
 * sender's public key and dead-lettering the rest.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    private final AuditKeys keys;
    private final AuditConfig config;
    private final ServiceInfo service;
    private final Outbox outbox;
    private final Clock clock;

    AuditCheckpoints(AuditKeys keys, AuditConfig config, ServiceInfo service, Outbox outbox, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.service = service;
        this.outbox = outbox;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event, Intakes intakes) {
        intakes.open("audit-checkpoints", Topics.AUDIT_CHECKPOINTS, AuditCheckpoint.class, this::witness);
        if (keys.signingKey().isPresent()) {
            LOG.infof("Signing audit checkpoints every %s; witnessing the checkpoints of %s", config.checkpointEvery(),
                    keys.publicKeys().keySet());
        } else {
            LOG.warn("No audit checkpoints are signed: aqkol.audit.signing-key is not set");
        }
    }

    /**
     * Signs and publishes a checkpoint if the chain has grown since the last one this service signed. A chain that
     * no longer reaches or matches that checkpoint is not signed: the service does not vouch for a rewrite of its own
     * chain (its witnesses already hold the earlier checkpoint, and /audit/verify names the rewrite).
     */
    @Scheduled(every = "${aqkol.audit.checkpoint-every:1m}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = NotRunning.class)
    @WithTransaction
    Uni<Void> checkpoint() {
        Optional<PrivateKey> key = keys.signingKey();
        if (key.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.find(AuditHead.class, AuditHead.ID)
                .chain(head -> newest(session, service.name(), 1).chain(last -> {
                    if (last.isEmpty()) {
                        return sign(session, key.get(), head);
                    }
                    CheckpointRecord previous = last.get(0);
                    if (previous.headSeq == head.seq && previous.headHash.equals(head.hash)) {
                        return Uni.createFrom().voidItem();
                    }
                    return hashAt(session, previous.headSeq).chain(hash -> {
                        if (head.seq < previous.headSeq || !previous.headHash.equals(hash)) {
                            LOG.errorf("Audit chain of %s no longer matches its checkpoint of entry %d signed at %s:"
                                    + " not signing it", service.name(), previous.headSeq, previous.signedAt);
                            return Uni.createFrom().voidItem();
                        }
                        return sign(session, key.get(), head);
                    });
                })));
    }

    private Uni<Void> sign(Mutiny.Session session, PrivateKey key, AuditHead head) {
        return publish(session, CheckpointSigning.sign(key, service.name(), head.seq, head.hash, Instant.now(clock)));
    }

    private static Uni<String> hashAt(Mutiny.Session session, long seq) {
        return seq == 0 ? Uni.createFrom().item(AuditChain.GENESIS) : session
                .createSelectionQuery("select hash from AuditRecord where seq = :seq", String.class)
                .setParameter("seq", seq)
                .getSingleResultOrNull();
    }

    private Uni<Void> publish(Mutiny.Session session, AuditCheckpoint checkpoint) {
        // replicas may sign the same head at once: one of them stores and publishes it
        return insert(session, checkpoint).chain(stored -> stored
                ? outbox.enqueue(Topics.auditCheckpoints(service.name()), checkpoint)
                : Uni.createFrom().voidItem());
    }

    /** Keeps the other services' checkpoints whose signature verifies; refuses the rest with the reason. */
    Uni<List<Refusal>> witness(List<Inbound<AuditCheckpoint>> batch) {
        List<Refusal> refused = new ArrayList<>();
        List<AuditCheckpoint> kept = new ArrayList<>();
        for (Inbound<AuditCheckpoint> inbound : batch) {
            AuditCheckpoint checkpoint = inbound.message();
            if (!checkpoint.service().equals(inbound.deviceId())) {
                refused.add(Refusal.of(inbound, "service", "names " + checkpoint.service()
                        + " but was published under " + inbound.deviceId()));
            } else if (checkpoint.service().equals(service.name())) {
                continue; // our own, stored when it was signed
            } else if (keys.publicKey(checkpoint.service()).isEmpty()) {
                refused.add(Refusal.of(inbound, "service", "no public key is configured for "
                        + checkpoint.service()));
            } else if (!CheckpointSigning.verifies(keys.publicKey(checkpoint.service()).get(), checkpoint)) {
                refused.add(Refusal.of(inbound, "signature", "does not verify with the public key of "
                        + checkpoint.service()));
            } else {
                kept.add(checkpoint);
            }
        }
        if (kept.isEmpty()) {
            return Uni.createFrom().item(refused);
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> Multi.createFrom().iterable(kept)
                        .onItem().transformToUniAndConcatenate(checkpoint -> insert(session, checkpoint))
                        .collect().last()))
                .replaceWith(refused);
    }

    /** The newest checkpoints this service signed (unless {@code of} names another) and those it witnessed. */
    @WithSession
    public Uni<CheckpointsView> newest(String of, int limit) {
        String self = service.name();
        Predicate<String> wanted = name -> of == null || of.equals(name);
        return Panache.getSession().chain(session -> (wanted.test(self) ? newest(session, self, limit)
                        : Uni.createFrom().item(List.<CheckpointRecord>of()))
                .chain(signed -> witnessed(session, of, limit).map(witnessed -> new CheckpointsView(self,
                        signed.stream().map(CheckpointView::of).toList(),
                        witnessed.stream().map(CheckpointView::of).toList(),
                        CheckpointsView.pem(keys.publicKeys())))));
    }

    private Uni<List<CheckpointRecord>> newest(Mutiny.Session session, String of, int limit) {
        return session.createSelectionQuery("from CheckpointRecord where service = :service"
                        + " order by headSeq desc, signedAt desc", CheckpointRecord.class)
                .setParameter("service", of)
                .setMaxResults(limit)
                .getResultList();
    }

    private Uni<List<CheckpointRecord>> witnessed(Mutiny.Session session, String of, int limit) {
        var query = session.createSelectionQuery("from CheckpointRecord where service <> :self"
                        + (of == null ? "" : " and service = :of") + " order by signedAt desc, headSeq desc",
                CheckpointRecord.class).setParameter("self", service.name());
        if (of != null) {
            query.setParameter("of", of);
        }
        return query.setMaxResults(limit).getResultList();
    }

    private Uni<Boolean> insert(Mutiny.Session session, AuditCheckpoint checkpoint) {
        return session.createNativeQuery("""
                        insert into audit_checkpoint (id, service, head_seq, head_hash, signed_at, signature,
                                                      received_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, checkpoint.id())
                .setParameter(2, checkpoint.service())
                .setParameter(3, checkpoint.headSeq())
                .setParameter(4, checkpoint.headHash())
                .setParameter(5, checkpoint.occurredAt())
                .setParameter(6, checkpoint.signature())
                .setParameter(7, Instant.now(clock))
                .executeUpdate()
                .map(rows -> rows == 1);
    }
}
