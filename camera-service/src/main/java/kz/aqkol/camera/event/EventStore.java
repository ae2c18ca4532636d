package kz.aqkol.camera.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.camera.config.CameraConfig;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.CameraEvent;
import kz.aqkol.contracts.DetectionType;
import kz.aqkol.contracts.Severity;
import kz.aqkol.platform.messaging.Alerts;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.IntakeHandler;
import kz.aqkol.platform.messaging.Refusal;

/**
 * Stores detections once each (by message id), in the camera's registered zone, with plates pseudonymised before
 * anything is written or logged, and applies the rules to the events stored for the first time: FIRE, SMOKE and
 * TAMPER raise a critical alert at once, PERSON in a RESTRICTED zone during restricted hours raises INTRUSION, and a
 * plate on the watch-list, seen by a camera its grant covers, raises WATCHLIST for dispatchers. The hot path: three
 * round trips per batch whatever its size, in one transaction of the reactive pool, alerts included. An event of a
 * month that has no partition (one long past, arriving late) has that month's partition made, and the batch is
 * stored again; an event later than the months made ahead is refused (the camera's clock is wrong).
 */
@ApplicationScoped
public class EventStore implements IntakeHandler<CameraEvent> {

    private static final String CAMERAS = """
            select c.id, c.zone_id, z.privacy_class, z.restricted_from, z.restricted_until
            from camera c join zone z on z.id = c.zone_id where c.id = any($1)""";
    private static final String INSERT = """
            insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id, plate_hash,
                                         snapshot_ref, received_at)
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::numeric[], $6::text[],
                                 $7::text[], $8::text[], $9::timestamptz[])
            on conflict (id, occurred_at) do nothing returning id""";
    /** Entries watching these plates now: not removed, not expired, and under a grant still active. */
    private static final String WATCHED = """
            select w.id, w.plate_hash, w.case_ref, g.camera_ids, g.zone_id
            from watch_entry w join access_grant g on g.id = w.grant_id
            where w.plate_hash = any($1) and w.removed_at is null and w.expires_at > $2
              and g.status = 'ACTIVE' and g.expires_at > $2""";

    private final Pool pool;
    private final PlateHasher plates;
    private final Alerts alerts;
    private final CameraConfig config;
    private final Clock clock;
    private final EventMetrics metrics;
    private final EventPartitions partitions;

    EventStore(Pool pool, CameraConfig config, Alerts alerts, Clock clock, EventMetrics metrics,
               EventPartitions partitions) {
        this.pool = pool;
        this.plates = new PlateHasher(config.plateKey());
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.partitions = partitions;
    }

    public PlateHasher plates() {
        return plates;
    }

    @Override
    public Uni<List<Refusal>> handle(List<Inbound<CameraEvent>> batch) {
        return partitions.table().storing(batch.stream().map(inbound -> inbound.message().occurredAt()).toList(),
                () -> store(batch));
    }

    private Uni<List<Refusal>> store(List<Inbound<CameraEvent>> batch) {
        Set<String> cameraIds = new LinkedHashSet<>();
        batch.forEach(inbound -> cameraIds.add(inbound.deviceId()));
        return pool.withTransaction(connection -> connection.preparedQuery(CAMERAS)
                .execute(Tuple.of(cameraIds.toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, CameraRef> cameras = new HashMap<>();
                    rows.forEach(row -> cameras.put(row.getString("id"), CameraRef.of(row)));
                    List<Refusal> refused = new ArrayList<>();
                    List<Stored> accepted = new ArrayList<>(batch.size());
                    Instant limit = partitions.limit(Instant.now(clock));
                    for (Inbound<CameraEvent> inbound : batch) {
                        CameraRef camera = cameras.get(inbound.deviceId());
                        if (camera == null) {
                            refused.add(Refusal.of(inbound, null, "unknown camera " + inbound.deviceId()));
                        } else if (!inbound.message().occurredAt().isBefore(limit)) {
                            refused.add(Refusal.of(inbound, "occurredAt", "lies too far in the future ("
                                    + inbound.message().occurredAt() + "; events are stored up to " + limit + ")"));
                        } else {
                            CameraEvent e = inbound.message();
                            accepted.add(new Stored(e, camera, e.plate() == null ? null : plates.hash(e.plate())));
                        }
                    }
                    return insert(connection, accepted).replaceWith(refused);
                }));
    }

    private Uni<Void> insert(SqlConnection connection, List<Stored> accepted) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = accepted.size();
        UUID[] ids = new UUID[n];
        String[] cameraIds = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] types = new String[n];
        Numeric[] confidences = new Numeric[n];
        String[] zones = new String[n];
        String[] hashes = new String[n];
        String[] snapshots = new String[n];
        OffsetDateTime[] received = new OffsetDateTime[n];
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            Stored s = accepted.get(i);
            ids[i] = s.event().id();
            cameraIds[i] = s.camera().id();
            times[i] = s.event().occurredAt().atOffset(ZoneOffset.UTC);
            types[i] = s.event().type().name();
            confidences[i] = Numeric.create(s.event().confidence());
            zones[i] = s.camera().zone();
            hashes[i] = s.plateHash();
            snapshots[i] = s.event().snapshotRef();
            received[i] = now;
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.tuple(List.of(ids, cameraIds, times, types, confidences, zones, hashes, snapshots,
                        received)))
                .chain(result -> {
                    Set<UUID> fresh = new HashSet<>();
                    result.forEach(row -> fresh.add(row.getUUID("id")));
                    metrics.duplicates(n - fresh.size());
                    List<Stored> stored = accepted.stream().filter(s -> fresh.contains(s.event().id())).toList();
                    return rules(connection, stored);
                });
    }

    /** The rules, on events stored for the first time only (a redelivered event raises nothing twice). */
    private Uni<Void> rules(SqlConnection connection, List<Stored> stored) {
        List<AlertRaised> raised = new ArrayList<>();
        Set<String> hashes = new LinkedHashSet<>();
        for (Stored s : stored) {
            CameraEvent e = s.event();
            String camera = s.camera().id();
            switch (e.type()) {
                case FIRE, SMOKE, TAMPER -> raised.add(alerts.of(e.type().name(), Severity.CRITICAL,
                        "camera:" + camera, summary(e.type()) + " at camera " + camera,
                        CameraAlerts.labels(camera, s.camera().zone(), null), false));
                case PERSON -> {
                    if ("RESTRICTED".equals(s.camera().privacyClass()) && restrictedHours(s.camera(), e)) {
                        raised.add(alerts.of("INTRUSION", Severity.MAJOR, "camera:" + camera,
                                "Person in restricted zone " + s.camera().zone() + " during restricted hours",
                                CameraAlerts.labels(camera, s.camera().zone(), null), false));
                    }
                }
                default -> {
                }
            }
            if (s.plateHash() != null) {
                hashes.add(s.plateHash());
            }
        }
        Uni<Void> watched = hashes.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery(WATCHED)
                .execute(Tuple.of(hashes.toArray(String[]::new), OffsetDateTime.now(clock)))
                .invoke(rows -> {
                    Map<String, List<Row>> entries = new HashMap<>();
                    rows.forEach(row -> entries.computeIfAbsent(row.getString("plate_hash").trim(),
                            h -> new ArrayList<>()).add(row));
                    for (Stored s : stored) {
                        for (Row entry : entries.getOrDefault(s.plateHash(), List.of())) {
                            if (!watchedAt(entry, s.camera())) {
                                continue;
                            }
                            Map<String, String> labels = CameraAlerts.labels(s.camera().id(), s.camera().zone(),
                                    "dispatcher");
                            labels.put("case", entry.getString("case_ref"));
                            raised.add(alerts.of("WATCHLIST", Severity.MAJOR,
                                    "watchlist:" + entry.getUUID("id"),
                                    "A watched vehicle was seen at camera " + s.camera().id() + " (case "
                                            + entry.getString("case_ref") + ")", labels, false));
                        }
                    }
                })
                .replaceWithVoid();
        return watched.chain(() -> alerts.enqueue(connection, raised));
    }

    /** Whether a watch-list entry's grant covers the camera (by id, or by the zone it stands in). */
    private static boolean watchedAt(Row entry, CameraRef camera) {
        String cameraIds = entry.getString("camera_ids");
        return cameraIds != null && List.of(cameraIds.split(",")).contains(camera.id())
                || camera.zone().equals(entry.getString("zone_id"));
    }

    /** The zone's own restricted hours if it has them, else the configured ones; local village time. */
    private boolean restrictedHours(CameraRef camera, CameraEvent event) {
        LocalTime local = event.occurredAt().atZone(config.timeZone()).toLocalTime();
        return camera.restrictedFrom() != null ? within(local, camera.restrictedFrom(), camera.restrictedUntil())
                : within(local, config.restrictedFrom(), config.restrictedUntil());
    }

    /** Whether {@code t} lies in [from, until), a span that may wrap past midnight. */
    static boolean within(LocalTime t, LocalTime from, LocalTime until) {
        if (from.equals(until)) {
            return true;
        }
        return from.isBefore(until) ? !t.isBefore(from) && t.isBefore(until) : !t.isBefore(from) || t.isBefore(until);
    }

    private static String summary(DetectionType type) {
        return switch (type) {
            case FIRE -> "Fire detected";
            case SMOKE -> "Smoke detected";
            case TAMPER -> "Camera tampered with";
            default -> type.name();
        };
    }

    private record CameraRef(String id, String zone, String privacyClass, LocalTime restrictedFrom,
                             LocalTime restrictedUntil) {
        static CameraRef of(Row row) {
            return new CameraRef(row.getString("id"), row.getString("zone_id"), row.getString("privacy_class"),
                    row.getLocalTime("restricted_from"), row.getLocalTime("restricted_until"));
        }
    }

    private record Stored(CameraEvent event, CameraRef camera, String plateHash) {
    }
}
