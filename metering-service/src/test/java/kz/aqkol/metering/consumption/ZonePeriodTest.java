package kz.aqkol.metering.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.meter.Utility;
import org.junit.jupiter.api.Test;

class ZonePeriodTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void aHouseholdIsCountedOnceHoweverManyMetersItHasAndEachUtilityAndDayApart() {
        ZonePeriod.Folder folder = new ZonePeriod.Folder(Granularity.DAY);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A1", new BigDecimal("1.5"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A1", new BigDecimal("0.5"), Quality.ESTIMATED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A2", new BigDecimal("1"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, null, new BigDecimal("4"), Quality.MEASURED);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY, "A1", new BigDecimal("2"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY.plusDays(1), "A1", BigDecimal.ONE, Quality.MEASURED);

        List<ZonePeriod> days = folder.periods();
        assertThat(days).hasSize(3);
        ZonePeriod water = days.stream().filter(d -> d.utility() == Utility.WATER && d.first().equals(DAY)).findFirst()
                .orElseThrow();
        assertThat(water.households()).isEqualTo(2);
        assertThat(water.total()).isEqualByComparingTo("7");
        assertThat(water.quality()).isEqualTo(Quality.ESTIMATED);
        assertThat(water.estimated()).isEqualByComparingTo("0.5");
        assertThat(water.suspect()).isEqualByComparingTo("0");
        assertThat(water.last()).isEqualTo(DAY);
    }

    @Test
    void aMonthSumsItsDaysCountsAHouseholdOnceAndKeepsEstimatedAndSuspectApart() {
        ZonePeriod.Folder folder = new ZonePeriod.Folder(Granularity.MONTH);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY.withDayOfMonth(1), "A1", new BigDecimal("2"),
                Quality.MEASURED);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY, "A1", new BigDecimal("3"), Quality.ESTIMATED);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY.withDayOfMonth(15), "A2", new BigDecimal("4"),
                Quality.SUSPECT);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY.plusDays(1), "A3", BigDecimal.ONE, Quality.MEASURED);

        List<ZonePeriod> months = folder.periods();

        assertThat(months).extracting(ZonePeriod::first).containsExactly(LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1));
        ZonePeriod november = months.get(0);
        assertThat(november.last()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(november.households()).isEqualTo(2);
        assertThat(november.total()).isEqualByComparingTo("9");
        assertThat(november.estimated()).isEqualByComparingTo("3");
        assertThat(november.suspect()).isEqualByComparingTo("4");
        assertThat(november.quality()).isEqualTo(Quality.SUSPECT);
    }

    @Test
    void hoursAreNoZonePeriod() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ZonePeriod.Folder(Granularity.HOUR))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
