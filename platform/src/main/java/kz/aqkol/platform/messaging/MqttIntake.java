package kz.aqkol.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kz.aqkol.contracts.AqkolMessage;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.ContractViolation;
import kz.aqkol.contracts.Topics;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.platform.tracing.Traces;
import org.jboss.logging.Logger;

/**
 * The one safe way a service consumes an MQTT topic. Each message is parsed and validated against its contract;
 * valid ones reach the service's {@link IntakeHandler} in batches, refused ones become dead letters; and the broker
 * gets its PUBACK only after the effect (or the dead letter) is committed, in receive order. A crash therefore loses
 * nothing: the broker redelivers whatever was not acknowledged, and handlers are idempotent.
 *
 * <p>Failures: a batch the database cannot take for a passing reason is retried with backoff until it can; a batch
 * that fails otherwise is split until the one message to blame is found, and that message is dead-lettered with
 * the reason. The channel itself never fails.
 *
 * <p>Tracing: a message that carries a trace context gets a span of its own, {@code process <channel>}, a child of
 * the sender's span, from its arrival to its batch's commit (an error if it was dead-lettered); handlers find that
 * span's context in {@link Inbound#trace()}. A message without one costs a scan of its bytes and no span: a batch
 * mixes messages of many traces, and thousands of readings a second each starting a trace of their own would be
 * noise, so only what a sender chose to trace is traced.
 */
public final class MqttIntake<T extends AqkolMessage> {

    private static final Logger LOG = Logger.getLogger(MqttIntake.class);

    private final String channel;
    private final String topicFilter;
    private final Class<T> type;
    private final IntakeHandler<T> handler;
    private final DeadLetters deadLetters;
    private final MqttSubscriber subscriber;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final IntakeQueue<Received<T>> queue;
    private final Tracer tracer;
    private final String spanName;

    private final Counter handled;
    private final Counter deadLettered;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Timer lag;

    private Context home;

    MqttIntake(String channel, String topicFilter, Class<T> type, IntakeHandler<T> handler, Settings settings,
               DeadLetters deadLetters, MqttSubscriber subscriber, Vertx vertx, Clock clock, MeterRegistry registry,
               Tracer tracer) {
        this.channel = channel;
        this.topicFilter = topicFilter;
        this.type = type;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.subscriber = subscriber;
        this.vertx = vertx;
        this.clock = clock;
        this.retryInitial = settings.retryInitial();
        this.retryMax = settings.retryMax();
        this.tracer = tracer;
        this.spanName = "process " + channel;
        this.queue = new IntakeQueue<>(settings.maxBatch(), settings.maxBatchesInFlight(),
                received -> subscriber.acknowledge(received.message(), received.connection()));
        this.handled = Counter.builder(PlatformMetrics.MESSAGES_HANDLED).tag("channel", channel)
                .description("Messages whose effect was committed").register(registry);
        this.deadLettered = Counter.builder(PlatformMetrics.MESSAGES_DEAD_LETTERED).tag("channel", channel)
                .description("Messages refused and sent to the dead-letter topic").register(registry);
        this.batchSizes = DistributionSummary.builder(PlatformMetrics.INTAKE_BATCH_SIZE).tag("channel", channel)
                .description("Messages committed per transaction").register(registry);
        this.commits = Timer.builder(PlatformMetrics.INTAKE_COMMIT).tag("channel", channel)
                .description("Time to commit one batch, retries included").register(registry);
        this.lag = Timer.builder(PlatformMetrics.INTAKE_LAG).tag("channel", channel)
                .description("From a message's occurredAt to its effect committed")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder(PlatformMetrics.INTAKE_PENDING, queue, IntakeQueue::pending).tag("channel", channel)
                .description("Messages received and not yet committed").register(registry);
    }

    /** The settings of one intake. */
    record Settings(int maxBatch, int maxBatchesInFlight, Duration retryInitial, Duration retryMax) {
    }

    String channel() {
        return channel;
    }

    String topicFilter() {
        return topicFilter;
    }

    /**
     * Takes one message, on the subscriber's event loop. It is acknowledged to the broker once its batch has
     * committed and every message received before it has been acknowledged, if the connection it came on is still
     * the current one (otherwise the broker redelivers it).
     */
    void accept(MqttPublishMessage message, long connection) {
        if (home == null) {
            home = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        }
        queue.offer(parse(message, connection));
        startBatches();
    }

    private Received<T> parse(MqttPublishMessage message, long connection) {
        String topic = message.topicName();
        byte[] payload = message.payload().getBytes();
        String deviceId = null;
        if (topicFilter.contains("+")) {
            deviceId = Topics.deviceId(topicFilter, topic).orElse(null);
            if (deviceId == null) {
                return Received.rejected(message, connection, topic, payload, null,
                        "topic " + topic + " does not match " + topicFilter + " with a valid device id",
                        span(topic, Codec.trace(payload)));
            }
        }
        T parsed;
        try {
            parsed = Codec.read(payload, type);
        } catch (ContractViolation violation) {
            return Received.rejected(message, connection, topic, payload, violation.field(), violation.getMessage(),
                    span(topic, Codec.trace(payload)));
        }
        Span span = span(topic, Codec.trace(payload));
        TraceContext trace = span == null ? null : Traces.of(io.opentelemetry.context.Context.root().with(span));
        return new Received<>(message, connection, topic, payload, new Inbound<>(topic, deviceId, parsed, trace), null,
                span);
    }

    /** The span of a message that carries a trace context, begun now; null for one that carries none. */
    private Span span(String topic, TraceContext trace) {
        if (trace == null) {
            return null;
        }
        return tracer.spanBuilder(spanName)
                .setParent(Traces.parent(trace))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "mqtt")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .startSpan();
    }

    private void startBatches() {
        List<Received<T>> batch;
        while ((batch = queue.nextBatch()) != null) {
            commit(batch);
        }
    }

    private void commit(List<Received<T>> batch) {
        Timer.Sample started = Timer.start();
        attempt(batch)
                .onFailure(Transience::isTransient).invoke(failure -> LOG.warnf(
                        "Channel %s: %d messages wait for the database (%s); retrying", channel, batch.size(),
                        failure.toString()))
                .onFailure(Transience::isTransient).retry().withBackOff(retryInitial, retryMax).indefinitely()
                .subscribe().with(
                        done -> home.runOnContext(v -> committed(batch, started)),
                        failure -> {
                            LOG.errorf(failure,
                                    "Channel %s: batch abandoned, not acknowledged; the broker will redeliver it",
                                    channel);
                            batch.forEach(received -> received.end(StatusCode.ERROR, "abandoned, to be redelivered"));
                        });
    }

    /**
     * One try at committing a batch, on a fresh duplicated Vert.x context of its own (what Hibernate Reactive needs
     * for its session), so that every retry starts clean.
     */
    private Uni<Void> attempt(List<Received<T>> batch) {
        return FreshContext.run(home, () -> process(batch));
    }

    /** Commits a batch: the handler's effect for the valid messages, then the dead letters. */
    private Uni<Void> process(List<Received<T>> batch) {
        List<Inbound<T>> valid = new ArrayList<>(batch.size());
        List<Rejected> rejected = new ArrayList<>();
        List<Received<T>> refused = new ArrayList<>();
        for (Received<T> received : batch) {
            if (received.inbound() != null) {
                valid.add(received.inbound());
            } else {
                rejected.add(received.rejected());
                refused.add(received);
            }
        }
        Uni<List<Refusal>> handling = valid.isEmpty() ? Uni.createFrom().item(List.of()) : handler.handle(valid);
        return handling
                .onFailure(failure -> !Transience.isTransient(failure))
                .recoverWithUni(failure -> isolate(batch, valid, failure))
                .chain(refusals -> {
                    refusals.forEach(refusal -> {
                        Received<T> received = receivedOf(batch, refusal);
                        rejected.add(rejectedOf(received, refusal));
                        refused.add(received);
                    });
                    return deadLetters.record(channel, rejected);
                })
                .invoke(() -> {
                    for (int i = 0; i < refused.size(); i++) {
                        refused.get(i).fail("dead-lettered: " + rejected.get(i).reason());
                    }
                    deadLettered.increment(rejected.size());
                    handled.increment(batch.size() - rejected.size());
                });
    }

    /**
     * A batch failed for a reason a retry will not mend. Splits it to find the message to blame and refuses that
     * one with the reason; the rest are committed.
     */
    private Uni<List<Refusal>> isolate(List<Received<T>> batch, List<Inbound<T>> valid, Throwable failure) {
        if (valid.size() == 1) {
            LOG.warnf(failure, "Channel %s: a message on %s cannot be handled; dead-lettering it", channel,
                    valid.get(0).topic());
            return Uni.createFrom().item(List.of(Refusal.of(valid.get(0), null,
                    "could not be processed: " + safeMessage(failure))));
        }
        int half = valid.size() / 2;
        List<Inbound<T>> first = valid.subList(0, half);
        List<Inbound<T>> second = valid.subList(half, valid.size());
        return handleAlone(batch, first).chain(refusedFirst -> handleAlone(batch, second)
                .map(refusedSecond -> {
                    List<Refusal> all = new ArrayList<>(refusedFirst);
                    all.addAll(refusedSecond);
                    return all;
                }));
    }

    private Uni<List<Refusal>> handleAlone(List<Received<T>> batch, List<Inbound<T>> part) {
        return handler.handle(part)
                .onFailure(failure -> !Transience.isTransient(failure))
                .recoverWithUni(failure -> isolate(batch, part, failure));
    }

    private Received<T> receivedOf(List<Received<T>> batch, Refusal refusal) {
        for (Received<T> received : batch) {
            if (received.inbound() == refusal.inbound()) {
                return received;
            }
        }
        throw new IllegalStateException("a handler refused a message that was not in its batch");
    }

    private static Rejected rejectedOf(Received<?> received, Refusal refusal) {
        String reason = refusal.field() == null ? refusal.reason() : refusal.field() + ": " + refusal.reason();
        return new Rejected(received.topic(), received.payload(), refusal.field(), reason);
    }

    private void committed(List<Received<T>> batch, Timer.Sample started) {
        started.stop(commits);
        batchSizes.record(batch.size());
        long now = clock.millis();
        for (Received<T> received : batch) {
            if (received.inbound() != null) {
                lag.record(Duration.ofMillis(Math.max(0, now - received.inbound().message().occurredAt().toEpochMilli())));
            }
            received.end(StatusCode.UNSET, null);
        }
        queue.committed(batch);
        startBatches();
    }

    private static String safeMessage(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    /**
     * One received message and what parsing made of it: a valid inbound, or a rejection; and its span, if it carried
     * a trace context.
     */
    private record Received<T extends AqkolMessage>(MqttPublishMessage message, long connection, String topic,
                                                    byte[] payload, Inbound<T> inbound, Rejected rejected, Span span) {

        static <T extends AqkolMessage> Received<T> rejected(MqttPublishMessage message, long connection,
                                                             String topic, byte[] payload, String field,
                                                             String reason, Span span) {
            byte[] kept = payload.length > Codec.MAX_PAYLOAD_BYTES
                    ? Arrays.copyOf(payload, Codec.MAX_PAYLOAD_BYTES) : payload;
            String why = payload.length > Codec.MAX_PAYLOAD_BYTES ? reason + " (first "
                    + Codec.MAX_PAYLOAD_BYTES + " bytes kept)" : reason;
            return new Received<>(message, connection, topic, kept, null, new Rejected(topic, kept, field, why), span);
        }

        /** Marks the span failed (it ends with the batch). */
        void fail(String why) {
            if (span != null) {
                span.setStatus(StatusCode.ERROR, why);
            }
        }

        void end(StatusCode status, String why) {
            if (span != null) {
                if (status != StatusCode.UNSET) {
                    span.setStatus(status, why);
                }
                span.end();
            }
        }
    }
}
