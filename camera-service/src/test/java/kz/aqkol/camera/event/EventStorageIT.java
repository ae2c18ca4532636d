package kz.aqkol.camera.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.aqkol.devstack.test.PreviousSchema;
import kz.aqkol.devstack.test.ScannedPartitions;
import kz.aqkol.platform.db.MonthlyPartitions;
import org.junit.jupiter.api.Test;

/**
 * The events table as the migrations leave it, on databases of its own: V5 moves a V4 database's events into
 * monthly partitions, and the event search reads only the months it asks for.
 */
class EventStorageIT {

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    @Test
    void theEventsOfAVersion4DatabaseLandInTheirMonthsAndARedeliveryIsStillSkipped() throws SQLException {
        PreviousSchema schema = PreviousSchema.at("aqkol_test_camera_v4", "4");
        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            camera(sql);
            sql.execute("""
                    insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id, plate_hash,
                                                 received_at) values
                    ('00000000-0000-0000-0000-000000000001', 'C-1', '2025-01-31T23:59:59Z', 'PERSON', 0.9, 'z-1',
                     null, now()),
                    ('00000000-0000-0000-0000-000000000002', 'C-1', '2025-02-01T00:00:00Z', 'PLATE', 0.8, 'z-1',
                     repeat('a', 64), now())""");
        }

        assertThat(schema.migrate()).isPositive();

        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            assertThat(list(sql, "select relkind::text from pg_class where relname = 'detection_event'"))
                    .containsExactly("p");
            assertThat(list(sql, "select tableoid::regclass || ' ' || type from detection_event order by occurred_at"))
                    .containsExactly("detection_event_y2025m01 PERSON", "detection_event_y2025m02 PLATE");
            assertThat(list(sql, "select indexdef from pg_indexes where tablename = 'detection_event_y2025m02'"))
                    .anyMatch(def -> def.contains("UNIQUE") && def.contains("(id, occurred_at)"))
                    .anyMatch(def -> def.contains("(camera_id, occurred_at, id)"))
                    .anyMatch(def -> def.contains("(zone_id, occurred_at, id)"))
                    .anyMatch(def -> def.contains("(occurred_at, id)") && !def.contains("camera_id")
                            && !def.contains("zone_id") && !def.contains("UNIQUE"))
                    .anyMatch(def -> def.contains("(plate_hash) WHERE (plate_hash IS NOT NULL)"));
            // ingest's statement: a redelivered event (same id, same instant) is skipped
            assertThat(sql.executeUpdate("""
                    insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id, received_at)
                    values ('00000000-0000-0000-0000-000000000002', 'C-1', '2025-02-01T00:00:00Z', 'PLATE', 0.8,
                            'z-1', now())
                    on conflict (id, occurred_at) do nothing""")).isZero();
        }
    }

    /** EventSearch's statement, bound as the service binds it: a time range, then a page further back. */
    @Test
    void theSearchScansOnlyTheMonthsItAsksFor() throws SQLException {
        PreviousSchema schema = PreviousSchema.at("aqkol_test_camera_pruning", "latest");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        try (Connection db = schema.connect()) {
            try (Statement sql = db.createStatement()) {
                camera(sql);
            }
            for (int back = 4; back >= 0; back--) {
                YearMonth month = now.minusMonths(back);
                try (PreparedStatement make = db.prepareStatement(
                        "select aqkol_create_month_partition('detection_event', ?)")) {
                    make.setObject(1, MonthlyPartitions.start(month));
                    make.execute();
                }
                for (int day = 1; day <= 25; day += 3) {
                    try (PreparedStatement insert = db.prepareStatement("""
                            insert into detection_event (id, camera_id, occurred_at, type, confidence, zone_id,
                                                         received_at)
                            values (?, 'C-1', ?, 'PERSON', 0.9, 'z-1', now())""")) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setObject(2, MonthlyPartitions.start(month).plusDays(day - 1));
                        insert.execute();
                    }
                }
            }
            db.createStatement().execute("analyze detection_event");
            Instant from = MonthlyPartitions.start(now.minusMonths(3)).plusDays(10).toInstant();
            Instant to = MonthlyPartitions.start(now.minusMonths(2)).plusDays(10).toInstant();

            assertThat(scanned(db, EventSearch.statement(new EventQueries.Filter("C-1", null, null, from, to), null,
                    50))).isEqualTo(Set.of(name(now.minusMonths(3)), name(now.minusMonths(2))));
            assertThat(scanned(db, EventSearch.statement(new EventQueries.Filter(null, "z-1", null, from, to), null,
                    50))).isEqualTo(Set.of(name(now.minusMonths(3)), name(now.minusMonths(2))));
            // everything older than a cursor in month -3, from month -4 on: the later months are not touched
            OffsetDateTime cursor = MonthlyPartitions.start(now.minusMonths(3)).plusDays(5);
            assertThat(scanned(db, EventSearch.statement(new EventQueries.Filter("C-1", null, null,
                    MonthlyPartitions.start(now.minusMonths(4)).toInstant(), null),
                    new EventCursor(cursor.toInstant(), UUID.randomUUID()), 50)))
                    .isEqualTo(Set.of(name(now.minusMonths(4)), name(now.minusMonths(3))));
        }
    }

    /** The statement's {@code $n} parameters as JDBC's {@code ?}, each bound where it appears. */
    private static Set<String> scanned(Connection db, EventSearch.Statement statement) throws SQLException {
        List<Object> bound = new ArrayList<>();
        Matcher m = PARAMETER.matcher(statement.sql());
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            bound.add(statement.params().get(Integer.parseInt(m.group(1)) - 1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        return ScannedPartitions.of(db, sql.toString(), bound.toArray());
    }

    private static void camera(Statement sql) throws SQLException {
        sql.execute("insert into zone (id, name, privacy_class, created_at) values ('z-1', 'Z', 'PUBLIC', now())");
        sql.execute("insert into camera (id, name, zone_id, kind, created_at) values ('C-1', 'C', 'z-1', 'FIXED',"
                + " now())");
    }

    private static String name(YearMonth month) {
        return String.format("detection_event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    private static List<String> list(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
