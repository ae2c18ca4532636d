package kz.aqkol.billing.adjustment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * An adjustment to propose: its kind, the amount in tiyn (at most 10,000,000 KZT), the invoice it concerns (required
 * for a write-off; for a credit, the credit settles that invoice first and the rest goes to the wallet) and why.
 */
public record AdjustmentRequest(@NotNull Adjustment.Kind kind,
                                @NotNull @Positive @Max(1_000_000_000L) Long amountTiyn,
                                UUID invoiceId,
                                @NotBlank @Size(max = 500) String reason) {
}
