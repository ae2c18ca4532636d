package kz.aqkol.billing.tariff;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kz.aqkol.billing.account.SocialCategory;

/**
 * One version of a utility's tariff. Prices are in tiyn per unit; {@code blocks} are increasing: each applies to
 * the consumption up to its {@code upTo} (monthly, in the unit), the last has no limit. A flat tariff is one block.
 * {@code discounts} give a percentage off (0–100) per social category.
 */
@RegisterForReflection
public record Tariff(long id, Utility utility, int version, LocalDate effectiveFrom, String unit,
                     long standingChargeTiyn, List<Block> blocks, Map<SocialCategory, Integer> discounts,
                     String createdBy, String reason, Instant createdAt) {

    /** {@code upTo} null: no upper limit. */
    @RegisterForReflection
    public record Block(BigDecimal upTo, long priceTiyn) {
    }

    public int discountPercent(SocialCategory category) {
        return category == null || discounts == null ? 0 : discounts.getOrDefault(category, 0);
    }
}
