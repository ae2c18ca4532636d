package kz.aqkol.billing.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.tariff.Tariff;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.billing.tariff.Utility;
import org.junit.jupiter.api.Test;

class InvoicePricingTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    /** Gas: 0–100 m³ at 20.00 KZT, above at 30.00; 500.00 KZT a month; pensioners 50 % off. */
    private static final Tariff GAS = new Tariff(1, Utility.GAS, 1, LocalDate.of(2026, 1, 1), "M3", 50_000,
            List.of(new Tariff.Block(new BigDecimal("100"), 2_000), new Tariff.Block(null, 3_000)),
            Map.of(SocialCategory.PENSIONER, 50), "op", "test", Instant.EPOCH);
    /** Water: flat 100.00 KZT per m³, no standing charge. */
    private static final Tariff WATER = new Tariff(2, Utility.WATER, 1, LocalDate.of(2026, 1, 1), "M3", 0,
            List.of(new Tariff.Block(null, 10_000)), Map.of(), "op", "test", Instant.EPOCH);

    private static BillRun run(Tariff... tariffs) {
        return BillRun.of(UUID.randomUUID(), NOVEMBER, List.of(tariffs));
    }

    private static MeterPeriod period(String meter, String utility, String consumption) {
        Instant from = Instant.parse("2026-10-31T19:00:00Z");
        Instant to = Instant.parse("2026-11-30T19:00:00Z");
        return new MeterPeriod(meter, "AQ-1", utility, "M3", from, to,
                new MeterPeriod.Register(from, BigDecimal.ZERO, "MEASURED"),
                new MeterPeriod.Register(to, consumption == null ? null : new BigDecimal(consumption), "MEASURED"),
                consumption == null ? null : new BigDecimal(consumption), "MEASURED", "REGISTER", Set.of());
    }

    @Test
    void eachMeterIsPricedUnderItsUtilitysTariffAndTheTotalIsTheSumOfTheMeters() {
        Metered account = new Metered("AQ-1", SocialCategory.NONE,
                List.of(period("G-1", "GAS", "150"), period("W-1", "WATER", "2.5")));
        Explanation e = InvoicePricing.explain(run(GAS, WATER), account);

        // gas: 100 × 20.00 + 50 × 30.00 + 500.00 standing; water: 2.5 × 100.00
        assertThat(e.meters()).extracting(Explanation.MeterCharge::meterId).containsExactly("G-1", "W-1");
        assertThat(e.meters().get(0).amountTiyn()).isEqualTo(200_000 + 150_000 + 50_000);
        assertThat(e.meters().get(1).amountTiyn()).isEqualTo(25_000);
        assertThat(e.totalTiyn()).isEqualTo(425_000);
        assertThat(e.kind()).isEqualTo("INVOICE");
        assertThat(e.account()).isEqualTo("AQ-1");
        assertThat(e.period()).isEqualTo("2026-11");
        assertThat(e.from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(e.to()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(e.currency()).isEqualTo("KZT");
        assertThat(e.roundingRule()).isEqualTo(TariffMath.ROUNDING_RULE);
        assertThat(e.meters().get(0).startRegister().quality()).isEqualTo("MEASURED");
    }

    @Test
    void aMeterWithoutConsumptionPaysTheStandingChargeOnly() {
        Metered account = new Metered("AQ-1", SocialCategory.NONE, List.of(period("G-1", "GAS", null)));
        Explanation e = InvoicePricing.explain(run(GAS), account);
        assertThat(e.meters().get(0).consumption()).isEqualByComparingTo("0");
        assertThat(e.totalTiyn()).isEqualTo(50_000);
    }

    @Test
    void theSocialCategoryDiscountAndATariffChangeMidMonthReachTheInvoice() {
        Tariff raised = new Tariff(3, Utility.GAS, 2, LocalDate.of(2026, 11, 21), "M3", 50_000,
                List.of(new Tariff.Block(new BigDecimal("100"), 2_400), new Tariff.Block(null, 3_600)),
                Map.of(SocialCategory.PENSIONER, 50), "op", "test", Instant.EPOCH);
        Metered account = new Metered("AQ-2", SocialCategory.PENSIONER, List.of(period("G-2", "GAS", "30")));
        Explanation e = InvoicePricing.explain(run(GAS, raised), account);

        List<TariffMath.Segment> segments = e.meters().get(0).segments();
        assertThat(segments).extracting(TariffMath.Segment::days).containsExactly(20, 10);
        assertThat(segments).extracting(TariffMath.Segment::discountPercent).containsExactly(50, 50);
        // 20 m³ × 20.00 + 20/30 of 500.00, half off; 10 m³ × 24.00 + 10/30 of 500.00, half off
        assertThat(segments.get(0).subtotalTiyn()).isEqualTo((40_000 + 33_333) - 36_667);
        assertThat(segments.get(1).subtotalTiyn()).isEqualTo((24_000 + 16_667) - 20_334);
        assertThat(e.totalTiyn()).isEqualTo(36_666 + 20_333);
        assertThat(e.socialCategory()).isEqualTo(SocialCategory.PENSIONER);
    }

    @Test
    void anAccountThatCannotBePricedSaysWhy() {
        Metered gas = new Metered("AQ-3", SocialCategory.NONE, List.of(period("G-3", "GAS", "1")));
        assertThatThrownBy(() -> InvoicePricing.explain(run(WATER), gas))
                .isInstanceOf(InvoicePricing.CannotPrice.class)
                .hasMessage("cannot price: no tariff in force on 2026-11-01");
        Metered steam = new Metered("AQ-3", SocialCategory.NONE, List.of(period("S-3", "STEAM", "1")));
        assertThatThrownBy(() -> InvoicePricing.explain(run(GAS), steam))
                .isInstanceOf(InvoicePricing.CannotPrice.class).hasMessageStartingWith("cannot price: ")
                .hasMessageContaining("STEAM");
        Metered negative = new Metered("AQ-3", SocialCategory.NONE, List.of(period("G-3", "GAS", "-1")));
        assertThatThrownBy(() -> InvoicePricing.explain(run(GAS), negative))
                .isInstanceOf(InvoicePricing.CannotPrice.class)
                .hasMessage("cannot price: negative consumption -1");
    }
}
