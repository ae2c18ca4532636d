package kz.aqkol.billing.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A resident's pay action ({@code POST /me/payments}): what to pay and for what. The account is the token's subject
 * ({@code accountNumber}, if given, must be it). {@code invoiceId}: that invoice first; {@code toWallet}: a wallet
 * top-up; neither: the open invoices, oldest due first. What is left goes to the wallet. {@code returnUrl}: where the
 * provider sends the payer back after the checkout, only to an origin of {@code aqkol.billing.payments.return-origins}.
 */
public record PayRequest(
        @Size(max = 64) String accountNumber,
        @NotNull @Min(1) @Max(100_000_000_000L) Long amountTiyn,
        @Pattern(regexp = "KZT", message = "must be KZT") String currency,
        Boolean toWallet,
        UUID invoiceId,
        @Size(max = 2000) String returnUrl) {

    Purpose purpose() {
        return invoiceId != null ? Purpose.INVOICE : Boolean.TRUE.equals(toWallet) ? Purpose.WALLET
                : Purpose.OPEN_INVOICES;
    }

    /** What makes two requests "the same" for an Idempotency-Key: every field, defaults applied. */
    String fingerprint(String account) {
        return String.join("|", account, Long.toString(amountTiyn), currency == null ? "KZT" : currency,
                purpose().name(), invoiceId == null ? "" : invoiceId.toString())
                + (returnUrl == null ? "" : "|" + returnUrl);
    }
}
