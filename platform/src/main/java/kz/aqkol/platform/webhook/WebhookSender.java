package kz.aqkol.platform.webhook;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.aqkol.contracts.WebhookSigner;
import kz.aqkol.platform.messaging.FreshContext;
import kz.aqkol.platform.tracing.Traces;

/**
 * Sends webhooks, the service's only HTTP client for them: POSTs the JSON body, signed with the webhook's key
 * ({@link WebhookSigner}: {@code X-Aqkol-Timestamp} and {@code X-Aqkol-Signature}; unsigned without a key), with the
 * service's own headers beside. Before each request the target is checked again against the deployment's
 * {@link WebhookTargets} (its host may resolve elsewhere by now), and a redirect is never followed, as it could
 * lead to a target those rules refuse: it is a failed attempt.
 *
 * <p>Tracing: the HTTP client's own span ({@code POST}) sends the {@code traceparent} header. A webhook that names
 * a trace ({@link Webhook#traceparent()}) is sent on a Vert.x context of its own with that trace current, so the
 * request joins it: deliveries of one round run at once, each in its own trace.
 */
@ApplicationScoped
public class WebhookSender {

    private final Vertx vertx;
    private final WebhookTargets targets;
    private final Clock clock;
    private final WebClient http;

    WebhookSender(Vertx vertx, WebhookTargets targets, Clock clock) {
        this.vertx = vertx;
        this.targets = targets;
        this.clock = clock;
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    /** One attempt: the receiver's answer, or why there was none, within {@code timeout} to connect and to answer. */
    public Uni<Attempt> send(Webhook webhook, Duration timeout) {
        long started = System.nanoTime();
        return vertx.executeBlocking(Uni.createFrom().item(() -> targets.refusal(webhook.url())))
                .chain(refusal -> refusal.isPresent()
                        ? Uni.createFrom().item(Attempt.refused(refusal.get(), millisSince(started)))
                        : post(webhook, timeout));
    }

    private Uni<Attempt> post(Webhook webhook, Duration timeout) {
        long started = System.nanoTime();
        Context trace = Traces.parent(webhook.traceparent(), null);
        Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sending = webhook.traceparent() == null
                ? Uni.createFrom().deferred(() -> request(webhook, timeout).sendBuffer(Buffer.buffer(webhook.body())))
                : FreshContext.run(vertx.getDelegate().getOrCreateContext(), () -> {
                    Scope scope = trace.makeCurrent(); // on this send's own context, until it is answered
                    return request(webhook, timeout).sendBuffer(Buffer.buffer(webhook.body()))
                            .onTermination().invoke(scope::close);
                });
        return sending
                .map(response -> Attempt.answered(response.statusCode(), millisSince(started)))
                .onFailure().recoverWithItem(failure -> Attempt.failed(failure.getMessage() == null
                        ? failure.getClass().getSimpleName() : failure.getMessage(), millisSince(started)));
    }

    private HttpRequest<Buffer> request(Webhook webhook, Duration timeout) {
        HttpRequest<Buffer> request = http.postAbs(webhook.url())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .connectTimeout(timeout.toMillis())
                .timeout(timeout.toMillis());
        if (webhook.signingKey() != null) {
            long timestamp = Instant.now(clock).getEpochSecond();
            request.putHeader(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                    .putHeader(WebhookSigner.SIGNATURE, WebhookSigner.sign(webhook.signingKey(), timestamp,
                            webhook.body()));
        }
        webhook.headers().forEach(request::putHeader);
        return request;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
