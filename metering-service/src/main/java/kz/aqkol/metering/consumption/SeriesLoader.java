package kz.aqkol.metering.consumption;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.metering.reading.ReadingEdit;
import kz.aqkol.metering.reading.ReadingEditRepository;
import kz.aqkol.metering.reading.ReadingRepository;

/**
 * Builds a meter's {@link ConsumptionSeries} for a period from the database: its readings over the period and the
 * week before (for the recent rate), the nearest reading on each side, and the operators' edits, which take the
 * place of the raw reading at their instant. Call within a session.
 */
@ApplicationScoped
public class SeriesLoader {

    private static final Duration LOOKBACK = Duration.ofDays(7);

    private final ReadingRepository readings;
    private final ReadingEditRepository edits;
    private final MeteringConfig config;
    private final Clock clock;

    SeriesLoader(ReadingRepository readings, ReadingEditRepository edits, MeteringConfig config, Clock clock) {
        this.readings = readings;
        this.edits = edits;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The series over [from, to). The week before {@code from} is read only when the readings stop short of
     * {@code to}: it gives the recent rate consumption goes on at after the last reading, and nothing else needs it.
     */
    public Uni<ConsumptionSeries> load(Meter meter, Instant from, Instant to) {
        return readings.spanning(meter.id, from, to).chain(raw -> !raw.isEmpty()
                && !raw.get(raw.size() - 1).occurredAt().isBefore(to) ? series(meter, from, to, raw)
                : readings.spanning(meter.id, from.minus(LOOKBACK), to).chain(all -> series(meter,
                from.minus(LOOKBACK), to, all)));
    }

    private Uni<ConsumptionSeries> series(Meter meter, Instant windowStart, Instant to,
                                          List<ReadingRepository.Value> raw) {
        Instant low = raw.isEmpty() || raw.get(0).occurredAt().isAfter(windowStart) ? windowStart
                : raw.get(0).occurredAt();
        Instant high = raw.isEmpty() || raw.get(raw.size() - 1).occurredAt().isBefore(to) ? to
                : raw.get(raw.size() - 1).occurredAt();
        return edits.between(meter.id, low, high).map(corrections -> {
            Map<Instant, Point> points = new TreeMap<>();
            for (ReadingRepository.Value reading : raw) {
                points.put(reading.occurredAt(), new Point(reading.occurredAt(), reading.register(), false,
                        reading.flags() != null
                                && List.of(reading.flags().split(",")).contains(Point.RESET_FLAG)));
            }
            for (ReadingEdit edit : corrections) {
                points.put(edit.occurredAt, new Point(edit.occurredAt, edit.register, true,
                        edit.registerReset));
            }
            return ConsumptionSeries.of(profile(meter), new ArrayList<>(points.values()), Instant.now(clock));
        });
    }

    public MeterProfile profile(Meter meter) {
        BigDecimal maxFlow = config.maxFlowPerHour().get(meter.utility.name().toLowerCase(java.util.Locale.ROOT));
        if (maxFlow == null) {
            throw new IllegalStateException("aqkol.metering.max-flow-per-hour." + meter.utility.name().toLowerCase(
                    java.util.Locale.ROOT) + " is not configured");
        }
        return new MeterProfile(meter.wrap(), meter.multiplier, meter.installedAt, meter.decommissionedAt, maxFlow,
                config.measuredGap(), config.estimableGap());
    }
}
