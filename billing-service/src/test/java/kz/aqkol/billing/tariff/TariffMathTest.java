package kz.aqkol.billing.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.tariff.TariffMath.Segment;
import org.junit.jupiter.api.Test;

class TariffMathTest {

    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

    /** Gas: 0–100 m³ at 20.00 KZT, 100–300 at 30.00, above at 45.00; 500.00 KZT a month standing. */
    private static Tariff blocks(long id, int version, LocalDate from, long first, long second, long third) {
        return new Tariff(id, Utility.GAS, version, from, "M3", 50_000,
                List.of(new Tariff.Block(new BigDecimal("100"), first), new Tariff.Block(new BigDecimal("300"), second),
                        new Tariff.Block(null, third)),
                Map.of(SocialCategory.PENSIONER, 50), "op", "test", Instant.EPOCH);
    }

    private static final Tariff GAS = blocks(1, 1, LocalDate.of(2026, 1, 1), 2_000, 3_000, 4_500);

    private static long total(BigDecimal consumption) {
        return TariffMath.charge(List.of(GAS), NOV_1, DEC_1, consumption, SocialCategory.NONE).totalTiyn();
    }

    @Test
    void blockEdgesAreExact() {
        // 0 m³: the standing charge only
        assertThat(total(BigDecimal.ZERO)).isEqualTo(50_000);
        // exactly at the first edge: all in the first block, no second line
        var atEdge = TariffMath.charge(List.of(GAS), NOV_1, DEC_1, new BigDecimal("100"), SocialCategory.NONE);
        assertThat(atEdge.segments().get(0).blocks()).hasSize(1);
        assertThat(atEdge.totalTiyn()).isEqualTo(100 * 2_000 + 50_000);
        // 0.001 m³ past the edge: 0.001 × 30.00 KZT = 3 tiyn
        assertThat(total(new BigDecimal("100.001"))).isEqualTo(200_000 + 3 + 50_000);
        // one below the edge
        assertThat(total(new BigDecimal("99.999"))).isEqualTo(200_000 - 2 + 50_000);
        // exactly at the second edge, and across it into the open block
        assertThat(total(new BigDecimal("300"))).isEqualTo(200_000 + 600_000 + 50_000);
        assertThat(total(new BigDecimal("301.5"))).isEqualTo(200_000 + 600_000 + 6_750 + 50_000);
    }

    @Test
    void roundingIsHalfUpPerLine() {
        // 0.00025 m³ × 2000 tiyn = 0.5 tiyn → 1 tiyn; 0.00024 → 0
        assertThat(total(new BigDecimal("0.00025"))).isEqualTo(50_001);
        assertThat(total(new BigDecimal("0.00024"))).isEqualTo(50_000);
        assertThat(TariffMath.money(new BigDecimal("2.5"))).isEqualTo(3);
        assertThat(TariffMath.money(new BigDecimal("2.4999"))).isEqualTo(2);
    }

    @Test
    void aSocialDiscountIsAPercentageOfTheRoundedLines() {
        var charge = TariffMath.charge(List.of(GAS), NOV_1, DEC_1, new BigDecimal("10.001"),
                SocialCategory.PENSIONER);
        // 10.001 × 2000 = 20002 tiyn; + 50000 standing = 70002; 50% = 35001
        Segment s = charge.segments().get(0);
        assertThat(s.discountTiyn()).isEqualTo(35_001);
        assertThat(charge.totalTiyn()).isEqualTo(35_001);
    }

    @Test
    void aTariffChangeMidMonthSplitsConsumptionBlocksAndStandingByDays() {
        // from 21 November (20 days of the old, 10 days of the new tariff), prices raised
        Tariff raised = blocks(2, 2, LocalDate.of(2026, 11, 21), 2_400, 3_600, 5_400);
        var charge = TariffMath.charge(List.of(raised, GAS), NOV_1, DEC_1, new BigDecimal("150"),
                SocialCategory.NONE);
        assertThat(charge.segments()).hasSize(2);
        Segment old = charge.segments().get(0);
        Segment now = charge.segments().get(1);
        assertThat(old.tariffVersion()).isEqualTo(1);
        assertThat(old.days()).isEqualTo(20);
        assertThat(now.days()).isEqualTo(10);
        assertThat(now.from()).isEqualTo(LocalDate.of(2026, 11, 21));
        // consumption 150 → 100 and 50; first block's limit 100 → 66.666667 and 33.333333
        assertThat(old.quantity()).isEqualByComparingTo("100");
        assertThat(now.quantity()).isEqualByComparingTo("50");
        assertThat(old.blocks().get(0).upTo()).isEqualByComparingTo("66.666667");
        assertThat(now.blocks().get(0).upTo()).isEqualByComparingTo("33.333333");
        // old: 66.666667 × 2000 = 133333.334 → 133333; 33.333333 × 3000 = 99999.999 → 100000; standing 20/30
        assertThat(old.blocks().get(0).amountTiyn()).isEqualTo(133_333);
        assertThat(old.blocks().get(1).amountTiyn()).isEqualTo(100_000);
        assertThat(old.standingChargeTiyn()).isEqualTo(33_333);
        // new: 33.333333 × 2400 = 79999.9992 → 80000; 16.666667 × 3600 = 60000.0012 → 60000; standing 10/30
        assertThat(now.blocks().get(0).amountTiyn()).isEqualTo(80_000);
        assertThat(now.blocks().get(1).amountTiyn()).isEqualTo(60_000);
        assertThat(now.standingChargeTiyn()).isEqualTo(16_667);
        assertThat(charge.totalTiyn()).isEqualTo(133_333 + 100_000 + 33_333 + 80_000 + 60_000 + 16_667);
        // the parts of the consumption add up exactly
        assertThat(old.quantity().add(now.quantity())).isEqualByComparingTo("150");
    }

    @Test
    void thirdsOfConsumptionStillAddUp() {
        Tariff second = blocks(2, 2, LocalDate.of(2026, 11, 11), 2_000, 3_000, 4_500);
        Tariff third = blocks(3, 3, LocalDate.of(2026, 11, 21), 2_000, 3_000, 4_500);
        var charge = TariffMath.charge(List.of(GAS, second, third), NOV_1, DEC_1, new BigDecimal("10"),
                SocialCategory.NONE);
        assertThat(charge.segments()).extracting(Segment::days).containsExactly(10, 10, 10);
        assertThat(charge.segments().stream().map(Segment::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("10");
        assertThat(charge.segments().get(2).quantity()).isEqualByComparingTo("3.333334");
    }

    @Test
    void zeroConsumptionAcrossATariffChangePaysEachVersionsShareOfTheStandingChargeOnly() {
        Tariff raised = blocks(2, 2, LocalDate.of(2026, 11, 21), 2_400, 3_600, 5_400);
        var charge = TariffMath.charge(List.of(GAS, raised), NOV_1, DEC_1, BigDecimal.ZERO, SocialCategory.PENSIONER);
        assertThat(charge.segments()).extracting(Segment::days).containsExactly(20, 10);
        for (Segment s : charge.segments()) {
            assertThat(s.quantity()).isEqualByComparingTo("0");
            assertThat(s.blocks()).hasSize(1);
            assertThat(s.blocks().get(0).amountTiyn()).isZero();
        }
        // 50000 × 20/30 = 33333.33 → 33333, less 50 % (16666.5 → 16667); 50000 × 10/30 = 16666.67 → 16667, less 8334
        assertThat(charge.segments()).extracting(Segment::standingChargeTiyn).containsExactly(33_333L, 16_667L);
        assertThat(charge.totalTiyn()).isEqualTo((33_333 - 16_667) + (16_667 - 8_334));
    }

    @Test
    void theLatestVersionOfTheSameDayWinsAndDaysWithoutATariffAreRefused() {
        Tariff sameDay = blocks(2, 2, LocalDate.of(2026, 1, 1), 1_000, 1_000, 1_000);
        var charge = TariffMath.charge(List.of(sameDay, GAS), NOV_1, DEC_1, BigDecimal.ONE, SocialCategory.NONE);
        assertThat(charge.segments()).hasSize(1);
        assertThat(charge.segments().get(0).tariffVersion()).isEqualTo(2);
        Tariff late = blocks(4, 1, LocalDate.of(2026, 11, 5), 1, 1, 1);
        assertThatThrownBy(() -> TariffMath.charge(List.of(late), NOV_1, DEC_1, BigDecimal.ONE,
                SocialCategory.NONE)).isInstanceOf(TariffMath.NoTariff.class).hasMessageContaining("2026-11-01");
    }

}
