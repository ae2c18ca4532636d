package kz.aqkol.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.mqtt.SendingMqttMessageMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import kz.aqkol.contracts.AqkolMessage;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.platform.db.Rows;
import kz.aqkol.platform.jobs.NotRunning;
import kz.aqkol.platform.jobs.PassLock;
import kz.aqkol.platform.jobs.Waiting;
import kz.aqkol.platform.tracing.Traces;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The transactional outbox every service publishes through. {@link #enqueue} writes the message in the caller's
 * transaction, so it exists exactly when the change that caused it committed; the relay then publishes unsent
 * messages in order at QoS 1 and marks them sent once the broker has them. If the broker is away the messages
 * wait; if the service dies between publish and mark, a message goes out twice, which consumers tolerate (every
 * message carries its id).
 *
 * <p>Tracing: a message keeps the trace context it was enqueued under (the current span's, or one the caller names)
 * in its row; the relay publishes it from an {@code outbox send} span, a child of that context, and sets that span's
 * context in the message's envelope ({@code traceparent}), so the consumer's span continues the same trace.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final int RELAY_BATCH = 500;
    /** The backlog is counted up to this many rows: beyond it the number says "far behind", exactly enough. */
    static final int PENDING_CAP = 100_000;

    private final MutinyEmitter<byte[]> broker;
    private final Pool pool;
    private final Clock clock;
    private final Counter published;
    private final AtomicLong pending = new AtomicLong();
    private final Tracer tracer;

    Outbox(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
           MutinyEmitter<byte[]> broker, Pool pool, Clock clock, MeterRegistry registry, Tracer tracer) {
        this.broker = broker;
        this.pool = pool;
        this.clock = clock;
        this.tracer = tracer;
        this.published = Counter.builder(PlatformMetrics.OUTBOX_PUBLISHED)
                .description("Messages relayed from the outbox to the broker").register(registry);
        // read from the value the relay left at the end of its last pass: a scrape never queries the table
        Gauge.builder(PlatformMetrics.OUTBOX_PENDING, pending, AtomicLong::get)
                .description("Outbox messages not yet published, as of the relay's last pass (counted up to "
                        + PENDING_CAP + ")")
                .register(registry);
    }

    /**
     * Adds a message to publish on {@code topic} once the current transaction commits, in the trace of the current
     * span (if there is one).
     */
    public Uni<Void> enqueue(String topic, AqkolMessage message) {
        return enqueue(topic, message, Traces.current());
    }

    /** {@link #enqueue(String, AqkolMessage)} in the trace {@code trace} names (none if null). */
    @WithTransaction
    public Uni<Void> enqueue(String topic, AqkolMessage message, TraceContext trace) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into outbox (id, topic, payload, created_at, traceparent, tracestate)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (id) do nothing")
                .setParameter(1, message.id())
                .setParameter(2, topic)
                .setParameter(3, Codec.write(message))
                .setParameter(4, Instant.now(clock))
                .setParameter(5, Traces.traceparent(trace))
                .setParameter(6, Traces.tracestate(trace))
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The same rows, written in a transaction of the reactive SQL pool instead of Hibernate's, for write paths that
     * commit on the pool (one statement for all the messages), in the trace of the current span.
     */
    public Uni<Void> enqueue(SqlConnection connection, String topic, List<? extends AqkolMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        TraceContext trace = Traces.current();
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] topics = new String[n];
        Buffer[] payloads = new Buffer[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        String[] traceparents = new String[n];
        String[] tracestates = new String[n];
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            ids[i] = messages.get(i).id();
            topics[i] = topic;
            payloads[i] = Buffer.buffer(Codec.write(messages.get(i)));
            created[i] = now;
            traceparents[i] = Traces.traceparent(trace);
            tracestates[i] = Traces.tracestate(trace);
        }
        return connection.preparedQuery("""
                        insert into outbox (id, topic, payload, created_at, traceparent, tracestate)
                        select * from unnest($1::uuid[], $2::text[], $3::bytea[], $4::timestamptz[], $5::text[],
                                             $6::text[])
                        on conflict (id) do nothing""")
                .execute(Tuple.of(ids, topics, payloads, created, traceparents, tracestates))
                .replaceWithVoid();
    }

    /** A pass that finds nothing waiting ({@link Waiting}) costs one read of the partial index of unsent rows. */
    @Scheduled(every = "${aqkol.outbox.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s",
            skipExecutionIf = NotRunning.class)
    Uni<Void> scheduledRelay() {
        return Waiting.any(pool, "select 1 from outbox where sent_at is null").chain(any -> {
            if (!any) {
                pending.set(0);
                return Uni.createFrom().voidItem();
            }
            return relay().replaceWithVoid();
        });
    }

    /**
     * Publishes what is waiting, oldest first, on one replica at a time ({@link PassLock}): two replicas relaying
     * side by side would each take a batch and publish them interleaved, so a later message (a valve opened again)
     * could overtake an earlier one (the valve closed). Rows another transaction holds (a relay of an older version,
     * during a rolling update) are skipped, not waited for. Each pass ends by counting what is still unsent through
     * the partial index, capped. Returns how many it published, or -1 if another replica was relaying.
     */
    @WithTransaction
    public Uni<Integer> relay() {
        return Panache.getSession().chain(session -> PassLock.ifTaken(session, "outbox-relay", () -> session
                .createNativeQuery("select seq, topic, payload, traceparent, tracestate from outbox"
                        + " where sent_at is null order by seq limit " + RELAY_BATCH + " for update skip locked",
                        jakarta.persistence.Tuple.class)
                .getResultList()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publish(session, rows))
                .call(() -> session.createNativeQuery("select count(*) from (select 1 from outbox"
                                + " where sent_at is null limit " + PENDING_CAP + ") unsent", Long.class)
                        .getSingleResult()
                        .invoke(count -> pending.set(count))), -1));
    }

    private Uni<Integer> publish(Mutiny.Session session, List<jakarta.persistence.Tuple> rows) {
        List<Long> sent = new ArrayList<>(rows.size());
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> {
                    String topic = Rows.string(row, "topic");
                    Span span = sendSpan(topic, Rows.string(row, "traceparent"), Rows.string(row, "tracestate"));
                    byte[] payload = span == null ? Rows.bytes(row, "payload")
                            : Codec.withTrace(Rows.bytes(row, "payload"), Traces.of(Context.root().with(span)));
                    return broker.sendMessage(Message.of(payload).addMetadata(new SendingMqttMessageMetadata(
                                    topic, MqttQoS.AT_LEAST_ONCE, false)))
                            .ifNoItem().after(Duration.ofSeconds(10)).fail()
                            .invoke(() -> sent.add(Rows.number(row, "seq")))
                            .onTermination().invoke((done, failure, cancelled) -> ended(span, failure));
                })
                .collect().last()
                .onFailure().invoke(failure -> LOG.warnf("Outbox relay paused, %d of %d published: %s",
                        sent.size(), rows.size(), failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> sent.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery(
                                "update outbox set sent_at = ?1 where seq = any(?2)")
                        .setParameter(1, Instant.now(clock))
                        .setParameter(2, sent.toArray(Long[]::new))
                        .executeUpdate()
                        .invoke(() -> published.increment(sent.size()))
                        .replaceWith(sent.size()));
    }

    /** The span a traced message is sent from, a child of the context it was enqueued under; null if it has none. */
    private Span sendSpan(String topic, String traceparent, String tracestate) {
        if (traceparent == null) {
            return null;
        }
        return tracer.spanBuilder("outbox send")
                .setParent(Traces.parent(traceparent, tracestate))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "mqtt")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .startSpan();
    }

    private static void ended(Span span, Throwable failure) {
        if (span != null) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, "not published: " + failure);
            }
            span.end();
        }
    }

    /** Sent messages are kept a day for inspection, then removed. */
    @Scheduled(every = "1h", delayed = "1m",
            skipExecutionIf = NotRunning.class)
    @WithTransaction
    Uni<Void> prune() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from outbox where sent_at < ?1")
                .setParameter(1, Instant.now(clock).minus(Duration.ofDays(1)))
                .executeUpdate())
                .replaceWithVoid();
    }
}
