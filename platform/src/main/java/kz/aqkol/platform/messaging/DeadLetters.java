package kz.aqkol.platform.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.DeadLetter;
import kz.aqkol.platform.ServiceInfo;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Where refused messages go: first into the service's own {@code dead_letter} table (so nothing is lost even when
 * nobody listens), then to {@code aqkol/v1/dlq/<service>} for operators and their tools. A redelivered message
 * refused again is stored once: its row id derives from channel, topic and payload. A service's
 * {@link DeadLetterRedactor}, if it has one, rewrites the payload before either happens.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> topic;
    private final ServiceInfo service;
    private final Clock clock;
    private final IntakeConfig config;
    private final Instance<DeadLetterRedactor> redactor;

    DeadLetters(@Channel("dead-letters") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                MutinyEmitter<byte[]> topic, ServiceInfo service, Clock clock, IntakeConfig config,
                Instance<DeadLetterRedactor> redactor) {
        this.topic = topic;
        this.service = service;
        this.clock = clock;
        this.config = config;
        this.redactor = redactor;
    }

    /** Stores and publishes; completes once stored (publishing is waited for, briefly, but cannot fail it). */
    Uni<Void> record(String channel, List<Rejected> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Rejected> rejected = redactor.isResolvable()
                ? refused.stream().map(r -> new Rejected(r.topic(), redactor.get().redact(channel, r.payload()),
                        r.field(), redactor.get().redactReason(channel, r.reason()))).toList()
                : refused;
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> store(channel, rejected, now))
                .chain(() -> Multi.createFrom().iterable(rejected)
                        .onItem().transformToUniAndConcatenate(r -> publish(channel, r, now))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> store(String channel, List<Rejected> rejected, Instant now) {
        return Panache.getSession().chain(session -> Multi.createFrom().iterable(rejected)
                .onItem().transformToUniAndConcatenate(r -> session.createNativeQuery("""
                                insert into dead_letter (id, received_at, channel, topic, reason, field, payload)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (id) do nothing""")
                        .setParameter(1, id(channel, r))
                        .setParameter(2, now)
                        .setParameter(3, channel)
                        .setParameter(4, r.topic())
                        .setParameter(5, r.reason())
                        .setParameter(6, r.field())
                        .setParameter(7, r.payload())
                        .executeUpdate())
                .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> publish(String channel, Rejected r, Instant now) {
        String text = utf8(r.payload());
        DeadLetter letter = new DeadLetter(id(channel, r), now, service.name(), r.topic(), r.reason(), r.field(),
                text, text == null ? Base64.getEncoder().encodeToString(r.payload()) : null);
        return topic.send(Codec.write(letter))
                .ifNoItem().after(config.deadLetterPublishTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Dead letter %s kept in the database but not published: %s", letter.id(),
                            failure.toString());
                    return null;
                });
    }

    private static UUID id(String channel, Rejected r) {
        ByteArrayOutputStream key = new ByteArrayOutputStream(r.payload().length + 128);
        key.writeBytes((channel + '\0' + r.topic() + '\0').getBytes(UTF_8));
        key.writeBytes(r.payload());
        return UUID.nameUUIDFromBytes(key.toByteArray());
    }

    private static String utf8(byte[] payload) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
