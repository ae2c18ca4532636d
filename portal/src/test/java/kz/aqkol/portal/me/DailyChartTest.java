package kz.aqkol.portal.me;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.portal.me.DailyChart.Bar;
import kz.aqkol.portal.me.MeApis.Interval;
import org.junit.jupiter.api.Test;

class DailyChartTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    private static List<Interval> days(String... values) {
        List<Interval> days = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String[] value = values[i].split(":");
            Instant start = FIRST.plusDays(i).atStartOfDay(ALMATY).toInstant();
            days.add(new Interval(start, FIRST.plusDays(i + 1L).atStartOfDay(ALMATY).toInstant(),
                    new BigDecimal(value[0]), value.length > 1 ? value[1] : "MEASURED", null));
        }
        return days;
    }

    @Test
    void theTallestDayFillsThePlotAndTheOthersScaleToIt() {
        DailyChart chart = DailyChart.of(days("2", "4", "1"), ALMATY);
        double plot = DailyChart.HEIGHT - DailyChart.TOP - DailyChart.BOTTOM;

        assertThat(chart.max()).isEqualByComparingTo("4");
        List<Bar> bars = chart.bars();
        assertThat(bars.get(1).height()).isEqualTo(plot);
        assertThat(bars.get(1).y()).isEqualTo(DailyChart.TOP);
        assertThat(bars.get(0).height()).isEqualTo(plot / 2);
        assertThat(bars.get(2).height()).isEqualTo(plot / 4);
        // every bar stands on the baseline
        for (Bar bar : bars) {
            assertThat(bar.y() + bar.height()).isEqualTo(chart.baseline());
        }
    }

    @Test
    void barsShareTheWidthInDayOrderWithoutOverlapping() {
        DailyChart chart = DailyChart.of(days("1", "1", "1", "1"), ALMATY);
        List<Bar> bars = chart.bars();
        assertThat(bars).extracting(Bar::day).containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2),
                FIRST.plusDays(3));
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).x()).isGreaterThan(bars.get(i - 1).x() + bars.get(i - 1).width());
        }
        Bar last = bars.get(bars.size() - 1);
        assertThat(last.x() + last.width()).isLessThanOrEqualTo(DailyChart.WIDTH);
        assertThat(chart.firstDay()).isEqualTo(FIRST);
        assertThat(chart.lastDay()).isEqualTo(FIRST.plusDays(3));
    }

    @Test
    void estimatedDaysAreMarkedAndATinyDayStaysVisible() {
        DailyChart chart = DailyChart.of(days("1000", "0.001:ESTIMATED", "0"), ALMATY);
        assertThat(chart.bars()).extracting(Bar::estimated).containsExactly(false, true, false);
        assertThat(chart.anyEstimated()).isTrue();
        assertThat(chart.bars().get(1).height()).isEqualTo(1.0);
        assertThat(chart.bars().get(2).height()).isZero();
    }

    @Test
    void noConsumptionAtAllDrawsFlatBarsAndNoDaysDrawsNothing() {
        DailyChart flat = DailyChart.of(days("0", "0"), ALMATY);
        assertThat(flat.bars()).extracting(Bar::height).containsOnly(0.0);
        assertThat(flat.anyEstimated()).isFalse();

        DailyChart empty = DailyChart.of(List.of(), ALMATY);
        assertThat(empty.bars()).isEmpty();
        assertThat(empty.firstDay()).isNull();
    }
}
