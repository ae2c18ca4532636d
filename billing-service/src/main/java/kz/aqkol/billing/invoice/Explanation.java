package kz.aqkol.billing.invoice;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.run.MeterPeriod;
import kz.aqkol.billing.tariff.TariffMath;

/**
 * How an invoice came to be, kept with it exactly as computed: per meter the registers at the period's edges and
 * their quality, the consumption, and per tariff version in force the blocks applied with their arithmetic.
 */
@RegisterForReflection
public record Explanation(String kind, String account, String period, LocalDate from, LocalDate to,
                          SocialCategory socialCategory, List<MeterCharge> meters, long totalTiyn, String currency,
                          String roundingRule, UUID originalInvoice, String note) {

    /** One meter's part of the invoice. */
    @RegisterForReflection
    public record MeterCharge(String meterId, String utility, String unit, MeterPeriod.Register startRegister,
                              MeterPeriod.Register endRegister, BigDecimal consumption, String quality,
                              String method, List<TariffMath.Segment> segments, long amountTiyn) {
    }
}
