package kz.aqkol.portal.publicpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import kz.aqkol.portal.publicpages.PublicApis.ZoneKpi;
import kz.aqkol.portal.publicpages.PublicApis.ZoneMonth;
import org.junit.jupiter.api.Test;

class ZoneMonthsTest {

    private static final String KPI = "urn:ngsi-ld:KeyPerformanceIndicator:";

    @Test
    void eachMonthTakesTheShareNotMeasuredFromItsCompanionAndDaysAreLeftOut() {
        List<ZoneKpi> published = List.of(
                kpi("north:water-m3:2026-10", "north", "water", "40", "monthly", "2026-10-01"),
                kpi("north:water-m3:2026-10:not-measured", "north", "water", "10", "monthly", "2026-10-01"),
                kpi("north:gas-m3:2026-11", "north", "gas", "30", "monthly", "2026-11-01"),
                kpi("south:electricity-kwh:2026-11", "south", "electricity", "200", "monthly", "2026-11-01"),
                kpi("south:electricity-kwh:2026-11:not-measured", "south", "electricity", "0", "monthly",
                        "2026-11-01"),
                kpi("north:water-m3:2026-11-30", "north", "water", "1.5", "daily", "2026-11-30"));

        List<ZoneMonth> months = PublicResource.months(published);

        assertThat(months).containsExactly(
                new ZoneMonth("2026-11", "north", "GAS", "M3", new BigDecimal("30"), 0),
                new ZoneMonth("2026-11", "south", "ELECTRICITY", "KWH", new BigDecimal("200"), 0),
                new ZoneMonth("2026-10", "north", "WATER", "M3", new BigDecimal("40"), 25));
    }

    private static ZoneKpi kpi(String id, String area, String product, String value, String frequency,
                               String from) {
        return new ZoneKpi(KPI + id, area, product, new BigDecimal(value), frequency, Map.of("from", from,
                "to", from));
    }
}
