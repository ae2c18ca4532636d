package kz.aqkol.metering.reading;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.metering.config.MeteringConfig;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.IntakeHandler;
import kz.aqkol.platform.messaging.Refusal;

/**
 * Stores batches of readings: checks each against its meter (known, same unit, active at that time, not from the
 * future, not older than the retention, register within its digits), then inserts the rest in one statement that
 * skips any already stored (same message id and instant, or same meter and instant). This is the hot path, so it
 * speaks SQL to the reactive pool directly rather than through Hibernate: two round trips per batch, whatever its
 * size. A reading of a month that has no partition (one long past, arriving late) has that month's partition made,
 * and the batch is stored again.
 */
@ApplicationScoped
public class ReadingStore implements IntakeHandler<MeterReading> {

    /**
     * How long before its commit a reading's {@code received_at} may be stamped (it is taken as the batch is
     * inserted, and on every retry). Jobs that look for readings received since their last run look back this much
     * further, so that a batch committing while they read is seen by their next run, not skipped for good.
     */
    public static final Duration COMMIT_LAG = Duration.ofSeconds(10);

    private static final String METERS = """
            select id, unit, register_digits, installed_at, decommissioned_at from meter where id = any($1)""";
    private static final String INSERT = """
            insert into reading (id, meter_id, occurred_at, register, flags, received_at)
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::numeric[], $5::text[], $6::timestamptz[])
            on conflict do nothing""";
    /** The newest traced reading per meter: kept for detection, so an alert continues the reading's trace. */
    private static final String TRACES = """
            insert into meter_trace (meter_id, occurred_at, traceparent, tracestate)
            select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[])
            on conflict (meter_id) do update set occurred_at = excluded.occurred_at,
                traceparent = excluded.traceparent, tracestate = excluded.tracestate
            where meter_trace.occurred_at <= excluded.occurred_at""";

    private final Pool pool;
    private final MeteringConfig config;
    private final Clock clock;
    private final ReadingMetrics metrics;
    private final ReadingPartitions partitions;

    ReadingStore(Pool pool, MeteringConfig config, Clock clock, ReadingMetrics metrics, ReadingPartitions partitions) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.partitions = partitions;
    }

    @Override
    public Uni<List<Refusal>> handle(List<Inbound<MeterReading>> batch) {
        return partitions.table().storing(batch.stream().map(inbound -> inbound.message().occurredAt()).toList(),
                () -> store(batch));
    }

    private Uni<List<Refusal>> store(List<Inbound<MeterReading>> batch) {
        Set<String> meterIds = new LinkedHashSet<>();
        batch.forEach(inbound -> meterIds.add(inbound.deviceId()));
        return pool.withTransaction(connection -> connection.preparedQuery(METERS)
                .execute(Tuple.of(meterIds.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, MeterRef> meters = new HashMap<>();
                    rows.forEach(row -> meters.put(row.getString("id"), MeterRef.of(row)));
                    List<Refusal> refused = new ArrayList<>();
                    List<Inbound<MeterReading>> accepted = new ArrayList<>(batch.size());
                    Instant now = Instant.now(clock);
                    Instant latest = now.plus(config.clockSkew());
                    Instant oldest = partitions.horizon(now);
                    for (Inbound<MeterReading> inbound : batch) {
                        Refusal refusal = check(inbound, meters.get(inbound.deviceId()), oldest, latest);
                        if (refusal == null) {
                            accepted.add(inbound);
                        } else {
                            refused.add(refusal);
                        }
                    }
                    return insert(connection, accepted).replaceWith(refused);
                }));
    }

    private Uni<Void> insert(SqlConnection connection, List<Inbound<MeterReading>> accepted) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = accepted.size();
        UUID[] ids = new UUID[n];
        String[] meters = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Numeric[] registers = new Numeric[n];
        String[] flags = new String[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            Inbound<MeterReading> inbound = accepted.get(i);
            MeterReading reading = inbound.message();
            ids[i] = reading.id();
            meters[i] = inbound.deviceId();
            times[i] = reading.occurredAt().atOffset(ZoneOffset.UTC);
            registers[i] = Numeric.create(reading.register());
            flags[i] = reading.flags().isEmpty() ? null : String.join(",", reading.flags());
            received[i] = now;
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(ids, meters, times, registers, flags, received))
                .invoke(result -> metrics.duplicates(n - result.rowCount()))
                .chain(() -> traces(connection, accepted))
                .replaceWithVoid();
    }

    /** Remembers each meter's newest traced reading of the batch; no statement when none carried a context. */
    private static Uni<Void> traces(SqlConnection connection, List<Inbound<MeterReading>> accepted) {
        Map<String, Inbound<MeterReading>> newest = new LinkedHashMap<>();
        for (Inbound<MeterReading> inbound : accepted) {
            if (inbound.trace() != null) {
                newest.merge(inbound.deviceId(), inbound, (a, b) ->
                        b.message().occurredAt().isBefore(a.message().occurredAt()) ? a : b);
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Inbound<MeterReading>> kept = List.copyOf(newest.values());
        return connection.preparedQuery(TRACES)
                .execute(Tuple.of(kept.stream().map(Inbound::deviceId).toArray(String[]::new),
                        kept.stream().map(i -> i.message().occurredAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new),
                        kept.stream().map(i -> i.trace().traceparent()).toArray(String[]::new),
                        kept.stream().map(i -> i.trace().tracestate()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private Refusal check(Inbound<MeterReading> inbound, MeterRef meter, Instant oldest, Instant latest) {
        MeterReading reading = inbound.message();
        if (meter == null) {
            return Refusal.of(inbound, null, "unknown meter " + inbound.deviceId());
        }
        if (reading.unit() != meter.unit()) {
            return Refusal.of(inbound, "unit", "is " + reading.unit() + " but meter " + meter.id() + " counts in "
                    + meter.unit());
        }
        if (reading.occurredAt().isAfter(latest)) {
            return Refusal.of(inbound, "occurredAt", "lies in the future (" + reading.occurredAt() + ")");
        }
        if (reading.occurredAt().isBefore(oldest)) {
            return Refusal.of(inbound, "occurredAt", "is older than readings are kept (" + config.readingsRetention()
                    + ", aqkol.metering.readings-retention)");
        }
        if (reading.occurredAt().isBefore(meter.installedAt())) {
            return Refusal.of(inbound, "occurredAt", "is before meter " + meter.id() + " was installed ("
                    + meter.installedAt() + ")");
        }
        if (meter.decommissionedAt() != null && !reading.occurredAt().isBefore(meter.decommissionedAt())) {
            return Refusal.of(inbound, "occurredAt", "is after meter " + meter.id() + " was decommissioned ("
                    + meter.decommissionedAt() + ")");
        }
        if (reading.register().precision() - reading.register().scale() > meter.registerDigits()) {
            return Refusal.of(inbound, "register", "has more than the meter's " + meter.registerDigits()
                    + " digits");
        }
        return null;
    }

    /** What validation needs to know of a meter. */
    private record MeterRef(String id, MeterUnit unit, int registerDigits, Instant installedAt,
                            Instant decommissionedAt) {

        static MeterRef of(Row row) {
            OffsetDateTime decommissioned = row.getOffsetDateTime("decommissioned_at");
            return new MeterRef(row.getString("id"), MeterUnit.valueOf(row.getString("unit")),
                    row.getInteger("register_digits"), row.getOffsetDateTime("installed_at").toInstant(),
                    decommissioned == null ? null : decommissioned.toInstant());
        }
    }
}
