package kz.aqkol.billing.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import kz.aqkol.billing.payment.provider.PaymentProvider;
import kz.aqkol.billing.payment.provider.PaymentProviders;
import kz.aqkol.contracts.WebhookSigner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where payment providers tell billing what became of a checkout. No bearer token: a callback is authenticated by
 * its signature (the provider adapter checks it with the provider's secret, and its timestamp against the replay
 * window) before anything in it is read or believed.
 */
@Path("/payments/providers/{provider}/callbacks")
@Tag(name = "Payments")
public class CallbackResource {

    private final PaymentProviders providers;
    private final IntentService intents;

    CallbackResource(PaymentProviders providers, IntentService intents) {
        this.providers = providers;
        this.intents = intents;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A provider's signed callback: a checkout confirmed, declined or refunded (401 unless signed"
            + " and fresh; 404 for an unknown reference; 422 for another amount than the intent's)")
    public Uni<IntentView> callback(@PathParam("provider") String provider,
                                    @HeaderParam(WebhookSigner.TIMESTAMP) String timestamp,
                                    @HeaderParam(WebhookSigner.SIGNATURE) String signature, String body) {
        PaymentProvider adapter = providers.named(provider);
        return intents.apply(adapter.name(), adapter.verify(timestamp, signature, body == null ? "" : body));
    }
}
