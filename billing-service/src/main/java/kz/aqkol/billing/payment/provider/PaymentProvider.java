package kz.aqkol.billing.payment.provider;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment provider as billing-service uses it: the sandbox of devstack here, Kaspi Pay or a bank acquirer in
 * production, each an adapter implementing this. Billing opens a checkout for a payment intent; the provider tells
 * the outcome through a signed callback, which only the adapter can authenticate and read.
 */
public interface PaymentProvider {

    /** The adapter's name: the {@code {provider}} of its callback URL, and the intent's provider. */
    String name();

    /** Opens a checkout for the intent; fails with a problem (503) if the provider cannot be reached. */
    Uni<Checkout> createCheckout(CheckoutRequest request);

    /**
     * Authenticates a callback (signature and freshness) and reads it. A forged, unsigned or stale callback is refused
     * with a 401 problem before its body is even parsed.
     */
    ProviderEvent verify(String timestamp, String signature, String body);

    /**
     * What billing asks the provider to collect; {@code intentId} is the provider's order id, {@code returnUrl}
     * (may be null) where the provider sends the payer back, an origin billing has already checked.
     */
    record CheckoutRequest(UUID intentId, long amountTiyn, String currency, String description, Instant expiresAt,
                           String returnUrl) {
    }

    /** The provider's reference for the checkout, and where the payer completes it. */
    record Checkout(String reference, String checkoutUrl) {
    }
}
