package kz.aqkol.billing.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Money a payment provider reports itself ({@code POST /payments}) for {@code accountNumber}. {@code toWallet}: a
 * wallet top-up (nothing settles invoices now; auto-pay uses it later).
 */
public record PaymentRequest(
        @Size(max = 64) String accountNumber,
        @NotNull @Min(1) @Max(100_000_000_000L) Long amountTiyn,
        @Pattern(regexp = "KZT", message = "must be KZT") String currency,
        Boolean toWallet,
        @Size(max = 200) String providerReference) {

    /** What makes two requests "the same" for an Idempotency-Key: every field, defaults applied. */
    String fingerprint(String account) {
        return String.join("|", account, Long.toString(amountTiyn), currency == null ? "KZT" : currency,
                Boolean.toString(Boolean.TRUE.equals(toWallet)), providerReference == null ? "" : providerReference);
    }
}
