package kz.aqkol.billing.payment.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.billing.payment.PaymentMetrics;
import kz.aqkol.platform.json.JsonText;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import kz.aqkol.contracts.WebhookSigner;
import org.jboss.logging.Logger;

/**
 * The adapter for devstack's payment sandbox ({@code kz.aqkol.devstack.payments.PaymentSandbox}): creates checkouts
 * at {@code aqkol.billing.payments.sandbox.url}, its request signed like the callbacks it sends back, with the secret
 * read from {@code aqkol.billing.payments.sandbox.secret-file} at each use (so a rotated file takes effect at once).
 * The replay window is measured on the real time, not on the service's clock, which a drill may have moved.
 */
@ApplicationScoped
public class SandboxProvider implements PaymentProvider {

    /** Its name, in callbacks' paths and as the principal that may report payments; never trusted in production. */
    public static final String NAME = "sandbox";

    private static final Logger LOG = Logger.getLogger(SandboxProvider.class);

    private final BillingConfig.Payments config;
    private final ObjectMapper json;
    private final PaymentMetrics metrics;
    private final Clock realTime = Clock.systemUTC();
    private volatile String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    SandboxProvider(BillingConfig config, ObjectMapper json, PaymentMetrics metrics) {
        this.config = config.payments();
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Checkout> createCheckout(CheckoutRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orderId", request.intentId().toString());
        fields.put("amountTiyn", request.amountTiyn());
        fields.put("currency", request.currency());
        fields.put("description", request.description());
        fields.put("expiresAt", request.expiresAt().toString());
        if (request.returnUrl() != null) {
            fields.put("returnUrl", request.returnUrl());
        }
        String body = JsonText.write(json, fields);
        long timestamp = Instant.now(realTime).getEpochSecond();
        HttpRequest post = HttpRequest.newBuilder(config.sandbox().url().resolve("/checkouts"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(WebhookSigner.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSigner.SIGNATURE, WebhookSigner.sign(secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Context context = Vertx.currentContext();
        Uni<Checkout> checkout = Uni.createFrom()
                .completionStage(() -> http.sendAsync(post, HttpResponse.BodyHandlers.ofString()))
                .onFailure().transform(e -> unavailable("cannot be reached (" + e.getClass().getSimpleName() + ")"))
                .map(response -> {
                    if (response.statusCode() != 201) {
                        throw unavailable("answered " + response.statusCode());
                    }
                    JsonNode created = read(response.body());
                    if (!created.path("reference").isTextual() || created.path("reference").asText().isBlank()) {
                        throw unavailable("answered without a checkout reference");
                    }
                    return new Checkout(created.path("reference").asText(), created.path("checkoutUrl").asText());
                });
        // back on the request's Vert.x context for the database work that follows
        return context == null ? checkout : checkout.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    @Override
    public ProviderEvent verify(String timestamp, String signature, String body) {
        CallbackSignature.Verdict verdict = CallbackSignature.check(secret(), timestamp, signature, body,
                Instant.now(realTime), config.callbackWindow());
        if (verdict != CallbackSignature.Verdict.VALID) {
            metrics.refused(verdict == CallbackSignature.Verdict.STALE ? "stale" : "signature");
            LOG.warnf("payment callback from %s refused: signature %s", name(), verdict);
            throw new ProblemException(ProblemType.UNAUTHENTICATED, verdict == CallbackSignature.Verdict.STALE
                    ? "Callback timestamp outside the replay window"
                    : "Callback signature missing or wrong");
        }
        JsonNode event = read(body);
        ProviderEvent.Kind kind;
        try {
            kind = ProviderEvent.Kind.valueOf(event.path("event").asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("event", "must be one of CONFIRMED, DECLINED, REFUNDED");
        }
        if (!event.path("reference").isTextual() || !event.path("amountTiyn").canConvertToLong()) {
            throw ProblemException.invalid("reference", "and amountTiyn are required");
        }
        return new ProviderEvent(event.path("reference").asText(), kind, event.path("amountTiyn").asLong(),
                event.path("currency").asText("KZT"));
    }

    /** The shared secret, read once from its file (a rotated secret rolls the pods, as every Secret does). */
    private String secret() {
        String known = secret;
        if (known != null) {
            return known;
        }
        try {
            secret = Files.readString(config.sandbox().secretFile()).trim();
            return secret;
        } catch (IOException e) {
            LOG.errorf("payment provider %s: cannot read its secret from %s", name(), config.sandbox().secretFile());
            throw new ProblemException(ProblemType.UNAVAILABLE, "Payment provider " + name() + " is not configured");
        }
    }

    private static ProblemException unavailable(String what) {
        return new ProblemException(ProblemType.UNAVAILABLE, "The payment provider " + what + "; try again later");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED, "The body is not valid JSON");
        }
    }
}
