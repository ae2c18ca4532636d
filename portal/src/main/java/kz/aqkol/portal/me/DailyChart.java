package kz.aqkol.portal.me;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.portal.me.MeApis.Interval;

/**
 * A meter's consumption per day as bars of an SVG drawn on the server: one bar per day in a {@value #WIDTH} by
 * {@value #HEIGHT} view box, the tallest day reaching the top of the plot. Estimated days are marked so that they
 * differ by pattern and outline, not by colour alone.
 */
@TemplateData
public record DailyChart(List<Bar> bars, BigDecimal max, double baseline, double top) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 200;
    static final double TOP = 16;
    static final double BOTTOM = 22;

    /** One day: its value and quality, and where its bar sits in the view box. */
    @TemplateData
    public record Bar(LocalDate day, BigDecimal value, String quality, boolean estimated, double x, double y,
                      double width, double height) {
    }

    public static DailyChart of(List<Interval> intervals, ZoneId zone) {
        BigDecimal max = intervals.stream().map(DailyChart::value).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        double plot = HEIGHT - TOP - BOTTOM;
        double baseline = HEIGHT - BOTTOM;
        double slot = intervals.isEmpty() ? WIDTH : (double) WIDTH / intervals.size();
        List<Bar> bars = new ArrayList<>(intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            Interval interval = intervals.get(i);
            BigDecimal value = value(interval);
            double height = max.signum() <= 0 ? 0
                    : value.divide(max, 6, RoundingMode.HALF_UP).doubleValue() * plot;
            if (value.signum() > 0 && height < 1) {
                height = 1; // a day with any consumption stays visible
            }
            bars.add(new Bar(interval.start().atZone(zone).toLocalDate(), value, interval.quality(),
                    "ESTIMATED".equals(interval.quality()), round(i * slot + slot * 0.15), round(baseline - height),
                    round(slot * 0.7), round(height)));
        }
        return new DailyChart(List.copyOf(bars), max, baseline, TOP);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    /** Where the first and last days' names sit, under the bars. */
    public double labelY() {
        return HEIGHT - 4;
    }

    public double labelEnd() {
        return WIDTH - 2;
    }

    public LocalDate firstDay() {
        return bars.isEmpty() ? null : bars.get(0).day();
    }

    public LocalDate lastDay() {
        return bars.isEmpty() ? null : bars.get(bars.size() - 1).day();
    }

    public boolean anyEstimated() {
        return bars.stream().anyMatch(Bar::estimated);
    }

    private static BigDecimal value(Interval interval) {
        return interval.consumption() == null ? BigDecimal.ZERO : interval.consumption().max(BigDecimal.ZERO);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
