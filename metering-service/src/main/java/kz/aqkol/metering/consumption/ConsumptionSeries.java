package kz.aqkol.metering.consumption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A meter's consumption as a function of time, built from its cumulative register readings. Plain Java, no
 * framework: the rules of the metering domain live here.
 *
 * <p><b>Deltas.</b> Between two consecutive readings the consumption is the register difference times the
 * multiplier. A register that went down was either
 * <ul>
 *   <li><b>reset</b> (firmware reset, register back to zero): when the meter says so (flag RESET on the reading), or
 *       when it fell to under a tenth of its value from below the top tenth of its range and what it shows now is
 *       credible as flow since zero over the gap. The delta is the new value, ESTIMATED (method REGISTER_RESET,
 *       reason REGISTER_RESET): what flowed before the reset within the gap is unknown;</li>
 *   <li><b>wrapped around</b> (10^digits), when it went down by more than half its range: the delta is
 *       {@code r2 + 10^digits - r1};</li>
 *   <li>else it went <b>backwards</b>: the delta counts as zero and the segment is SUSPECT (BACKWARDS).</li>
 * </ul>
 *
 * <p><b>Cumulative consumption</b> {@code C(t)} is exact at every reading; between two readings it grows linearly
 * (a delta that straddles an interval boundary is apportioned by time, rounded to 6 decimals at the boundary).
 * The consumption of any interval is {@code C(end) - C(start)}, so the intervals of any partition of a period add
 * up exactly to the rollover-corrected register difference over it.
 *
 * <p><b>Edges.</b> Before the first reading nothing is known (zero, ESTIMATED with method NO_DATA). After the last
 * reading, up to {@code until} (now, or the decommissioning), consumption continues at the average rate of the
 * last week of readings (ESTIMATED, AVERAGE_RATE).
 */
public final class ConsumptionSeries {

    private static final int SCALE = 6;
    private static final Duration RATE_WINDOW = Duration.ofDays(7);
    private static final BigDecimal NANOS_PER_HOUR = BigDecimal.valueOf(Duration.ofHours(1).toNanos());

    private final MeterProfile meter;
    private final List<Point> points;
    private final List<Segment> segments;
    private final BigDecimal[] cumulative;
    private final Instant until;
    private final BigDecimal ratePerNano;

    private ConsumptionSeries(MeterProfile meter, List<Point> points, Instant until) {
        this.meter = meter;
        this.points = points;
        this.until = meter.decommissionedAt() != null && meter.decommissionedAt().isBefore(until)
                ? meter.decommissionedAt() : until;
        this.segments = new ArrayList<>(Math.max(0, points.size() - 1));
        this.cumulative = new BigDecimal[points.size()];
        if (!points.isEmpty()) {
            cumulative[0] = BigDecimal.ZERO;
        }
        for (int i = 1; i < points.size(); i++) {
            Segment segment = Segment.between(points.get(i - 1), points.get(i), meter);
            segments.add(segment);
            cumulative[i] = cumulative[i - 1].add(segment.consumption());
        }
        this.ratePerNano = recentRate();
    }

    /**
     * @param points readings in time order, one per instant (an edit already put in place of the raw reading)
     * @param until  the latest instant consumption may be reckoned to: now
     */
    public static ConsumptionSeries of(MeterProfile meter, List<Point> points, Instant until) {
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).at().isAfter(points.get(i - 1).at())) {
                throw new IllegalArgumentException("points must be in strictly increasing time order");
            }
        }
        return new ConsumptionSeries(meter, List.copyOf(points), until);
    }

    /** Consumption over [start, end), with its quality. */
    public Interval interval(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval must end after it starts");
        }
        BigDecimal consumption = cumulativeAt(end).subtract(cumulativeAt(start));
        Quality quality = Quality.MEASURED;
        Set<String> methods = new TreeSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        Instant activeFrom = later(start, meter.installedAt());
        Instant activeTo = earlier(end, until);
        if (activeTo.isAfter(activeFrom)) {
            if (points.isEmpty() || activeFrom.isBefore(points.get(0).at())) {
                quality = Quality.ESTIMATED;
                methods.add("NO_DATA");
            }
            if (!points.isEmpty() && activeTo.isAfter(last().at())) {
                quality = Quality.ESTIMATED;
                methods.add("AVERAGE_RATE");
            }
        }
        for (Segment segment : overlapping(start, end)) {
            quality = quality.worst(segment.quality());
            if (segment.method() != null) {
                methods.add(segment.method());
            }
            reasons.addAll(segment.reasons());
        }
        String method = quality == Quality.ESTIMATED && !methods.isEmpty() ? String.join("+", methods) : null;
        return new Interval(start, end, consumption, quality, method, Collections.unmodifiableSet(reasons));
    }

    /** The intervals between consecutive boundaries. */
    public List<Interval> intervals(List<Instant> boundaries) {
        List<Interval> intervals = new ArrayList<>(Math.max(0, boundaries.size() - 1));
        for (int i = 1; i < boundaries.size(); i++) {
            intervals.add(interval(boundaries.get(i - 1), boundaries.get(i)));
        }
        return intervals;
    }

    /**
     * The register the meter showed (or would have shown) at {@code at}: a reading there, interpolated between
     * readings, or extrapolated past the last. Null before the first reading.
     */
    public Register registerAt(Instant at) {
        if (points.isEmpty() || at.isBefore(points.get(0).at())) {
            return null;
        }
        int index = indexAtOrBefore(at);
        Point point = points.get(index);
        if (point.at().equals(at)) {
            return new Register(at, point.register(), point.edited() ? Quality.EDITED : Quality.MEASURED);
        }
        BigDecimal consumed = cumulativeAt(at).subtract(cumulative[index]);
        BigDecimal register = point.register().add(consumed.divide(meter.multiplier(), SCALE, RoundingMode.HALF_EVEN))
                .remainder(meter.wrap());
        Quality quality = index == points.size() - 1 ? Quality.ESTIMATED
                : Quality.ESTIMATED.worst(segments.get(index).quality());
        return new Register(at, register, quality);
    }

    /** A register value and how it was obtained. */
    public record Register(Instant at, BigDecimal value, Quality quality) {
    }

    /** Cumulative consumption since the first reading, at {@code t}. */
    BigDecimal cumulativeAt(Instant t) {
        if (points.isEmpty() || !t.isAfter(points.get(0).at())) {
            return BigDecimal.ZERO;
        }
        Instant capped = earlier(t, until);
        Point last = last();
        if (!capped.isBefore(last.at())) {
            BigDecimal beyond = ratePerNano.multiply(BigDecimal.valueOf(Duration.between(last.at(), capped).toNanos()));
            return cumulative[points.size() - 1].add(beyond.setScale(SCALE, RoundingMode.HALF_EVEN));
        }
        int index = indexAtOrBefore(capped);
        if (points.get(index).at().equals(capped)) {
            return cumulative[index];
        }
        Segment segment = segments.get(index);
        BigDecimal elapsed = BigDecimal.valueOf(Duration.between(segment.from().at(), capped).toNanos());
        BigDecimal length = BigDecimal.valueOf(Duration.between(segment.from().at(), segment.to().at()).toNanos());
        BigDecimal share = segment.consumption().multiply(elapsed).divide(length, SCALE, RoundingMode.HALF_EVEN);
        return cumulative[index].add(share);
    }

    private List<Segment> overlapping(Instant start, Instant end) {
        List<Segment> found = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.from().at().isBefore(end) && segment.to().at().isAfter(start)) {
                found.add(segment);
            }
        }
        return found;
    }

    private int indexAtOrBefore(Instant t) {
        int low = 0;
        int high = points.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (points.get(mid).at().isAfter(t)) {
                high = mid - 1;
            } else {
                low = mid;
            }
        }
        return low;
    }

    private BigDecimal recentRate() {
        if (segments.isEmpty()) {
            return BigDecimal.ZERO;
        }
        Instant since = last().at().minus(RATE_WINDOW);
        BigDecimal consumed = BigDecimal.ZERO;
        long nanos = 0;
        for (Segment segment : segments) {
            if (!segment.from().at().isBefore(since) && !segment.reasons().contains(Segment.BACKWARDS)) {
                consumed = consumed.add(segment.consumption());
                nanos += Duration.between(segment.from().at(), segment.to().at()).toNanos();
            }
        }
        return nanos == 0 ? BigDecimal.ZERO : consumed.divide(BigDecimal.valueOf(nanos), 24, RoundingMode.HALF_EVEN);
    }

    private Point last() {
        return points.get(points.size() - 1);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The stretch between two consecutive readings and what can be said of it. */
    record Segment(Point from, Point to, BigDecimal consumption, Quality quality, String method, Set<String> reasons) {

        static final String BACKWARDS = "BACKWARDS";
        static final String REGISTER_RESET = "REGISTER_RESET";
        private static final BigDecimal TOP_OF_RANGE = new BigDecimal("0.9");

        static Segment between(Point from, Point to, MeterProfile meter) {
            Quality quality = Quality.MEASURED;
            String method = null;
            Set<String> reasons = new LinkedHashSet<>();
            BigDecimal delta = to.register().subtract(from.register());
            Duration gap = Duration.between(from.at(), to.at());
            if (to.reset() || delta.signum() < 0 && looksReset(from, to, gap, meter)) {
                delta = to.register();
                quality = Quality.ESTIMATED;
                method = REGISTER_RESET;
                reasons.add(REGISTER_RESET);
            } else if (delta.signum() < 0) {
                if (delta.negate().compareTo(meter.wrap().divide(BigDecimal.valueOf(2))) > 0) {
                    delta = delta.add(meter.wrap());
                } else {
                    delta = BigDecimal.ZERO;
                    quality = Quality.SUSPECT;
                    reasons.add(BACKWARDS);
                }
            }
            BigDecimal consumption = delta.multiply(meter.multiplier());
            if (gap.compareTo(meter.estimableGap()) > 0) {
                quality = Quality.SUSPECT;
                reasons.add("GAP_TOO_LONG");
            } else if (gap.compareTo(meter.measuredGap()) > 0) {
                quality = quality.worst(Quality.ESTIMATED);
                method = method != null ? method : "LINEAR_INTERPOLATION";
            }
            BigDecimal perHour = consumption.multiply(NANOS_PER_HOUR)
                    .divide(BigDecimal.valueOf(gap.toNanos()), SCALE, RoundingMode.HALF_EVEN);
            if (perHour.compareTo(meter.maxFlowPerHour()) > 0) {
                quality = Quality.SUSPECT;
                reasons.add("ABOVE_MAX_FLOW");
            }
            if (from.edited() || to.edited()) {
                quality = quality.worst(Quality.EDITED);
            }
            return new Segment(from, to, consumption, quality, method, Collections.unmodifiableSet(reasons));
        }

        /**
         * A fall to under a tenth of the value, from below the top tenth of the range (a register near its top
         * wraps), to a value that flow since zero at the utility's highest credible rate could have reached.
         */
        private static boolean looksReset(Point from, Point to, Duration gap, MeterProfile meter) {
            BigDecimal hours = BigDecimal.valueOf(gap.toNanos()).divide(NANOS_PER_HOUR, SCALE, RoundingMode.HALF_EVEN);
            return from.register().compareTo(meter.wrap().multiply(TOP_OF_RANGE)) < 0
                    && to.register().multiply(BigDecimal.TEN).compareTo(from.register()) < 0
                    && to.register().multiply(meter.multiplier()).compareTo(meter.maxFlowPerHour().multiply(hours)) <= 0;
        }
    }
}
