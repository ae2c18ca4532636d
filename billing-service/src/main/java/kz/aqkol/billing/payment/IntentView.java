package kz.aqkol.billing.payment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment intent: what the resident means to pay, where to complete it ({@code checkoutUrl} at the provider) and
 * what became of it. {@code paymentId} is set once the provider confirmed it.
 */
@RegisterForReflection
public record IntentView(UUID id, String accountNumber, String status, long amountTiyn, String currency,
                         Purpose purpose, UUID invoiceId, String provider, String providerReference,
                         String checkoutUrl, Instant createdAt, Instant expiresAt, UUID paymentId) {
}
