package kz.aqkol.metering.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.meter.Utility;
import org.junit.jupiter.api.Test;

class ZoneDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void aHouseholdIsCountedOnceHoweverManyMetersItHasAndEachUtilityAndDayApart() {
        ZoneDay.Folder folder = new ZoneDay.Folder();
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A1", new BigDecimal("1.5"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A1", new BigDecimal("0.5"), Quality.ESTIMATED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, "A2", new BigDecimal("1"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY, null, new BigDecimal("4"), Quality.MEASURED);
        folder.add("north", Utility.GAS, MeterUnit.M3, DAY, "A1", new BigDecimal("2"), Quality.MEASURED);
        folder.add("north", Utility.WATER, MeterUnit.M3, DAY.plusDays(1), "A1", BigDecimal.ONE, Quality.MEASURED);

        List<ZoneDay> days = folder.days();
        assertThat(days).hasSize(3);
        ZoneDay water = days.stream().filter(d -> d.utility() == Utility.WATER && d.day().equals(DAY)).findFirst()
                .orElseThrow();
        assertThat(water.households()).isEqualTo(2);
        assertThat(water.total()).isEqualByComparingTo("7");
        assertThat(water.quality()).isEqualTo(Quality.ESTIMATED);
    }
}
