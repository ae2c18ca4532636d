package kz.aqkol.billing.tariff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kz.aqkol.billing.account.SocialCategory;

/** A new tariff version. Blocks: increasing limits, the last without one; a flat tariff is one block. */
public record TariffRequest(
        @NotNull Utility utility,
        @NotNull LocalDate effectiveFrom,
        @NotBlank @Size(max = 16) String unit,
        @NotNull @Min(0) Long standingChargeTiyn,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid BlockRequest> blocks,
        Map<@NotNull SocialCategory, @NotNull @Min(0) @Max(100) Integer> discounts,
        @NotBlank @Size(max = 1000) String reason) {

    public record BlockRequest(@DecimalMin(value = "0", inclusive = false) BigDecimal upTo,
                               @NotNull @Min(0) @Max(100_000_000) Long priceTiyn) {
    }
}
