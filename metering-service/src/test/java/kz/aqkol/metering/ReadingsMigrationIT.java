package kz.aqkol.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.devstack.test.PreviousSchema;
import org.junit.jupiter.api.Test;

/** V4 moves the readings a V3 database holds into monthly partitions, keys and indexes as before. */
class ReadingsMigrationIT {

    @Test
    void theReadingsOfAVersion3DatabaseLandInTheirMonthsAndStillRefuseDuplicates() throws SQLException {
        PreviousSchema schema = PreviousSchema.at("aqkol_test_metering_v3", "3");
        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into meter (id, utility, unit, register_digits, multiplier, has_valve, installed_at,
                                       created_at)
                    values ('M-1', 'GAS', 'M3', 6, 1, false, '2023-01-01T00:00:00Z', now())""");
            sql.execute("""
                    insert into reading (id, meter_id, occurred_at, register, flags, received_at) values
                    ('00000000-0000-0000-0000-000000000001', 'M-1', '2024-02-29T23:59:59.999999Z', 1, null, now()),
                    ('00000000-0000-0000-0000-000000000002', 'M-1', '2024-03-01T00:00:00Z', 2, 'INITIAL', now()),
                    ('00000000-0000-0000-0000-000000000003', 'M-1', '2025-07-15T12:00:00Z', 3, null, now())""");
        }

        assertThat(schema.migrate()).isPositive();

        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            assertThat(single(sql, "select relkind::text from pg_class where relname = 'reading'")).isEqualTo("p");
            assertThat(single(sql, "select count(*) from pg_class where relname = 'reading_unpartitioned'"))
                    .isEqualTo("0");
            assertThat(list(sql, "select tableoid::regclass || ' ' || register from reading order by occurred_at"))
                    .containsExactly("reading_y2024m02 1.000000", "reading_y2024m03 2.000000",
                            "reading_y2025m07 3.000000");
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            assertThat(list(sql, "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                    + " where i.inhparent = 'reading'::regclass"))
                    .contains(String.format("reading_y%04dm%02d", now.getYear(), now.getMonthValue()),
                            String.format("reading_y%04dm%02d", now.plusMonths(3).getYear(),
                                    now.plusMonths(3).getMonthValue()));
            assertThat(list(sql, "select indexdef from pg_indexes where tablename = 'reading_y2025m07' order by 1"))
                    .anyMatch(def -> def.contains("UNIQUE") && def.contains("(id, occurred_at)"))
                    .anyMatch(def -> def.contains("UNIQUE") && def.contains("(meter_id, occurred_at)"))
                    .anyMatch(def -> def.contains("brin (received_at)"));

            // a redelivery (same id, same instant) is skipped as ingest skips it; another id at the same instant of
            // the same meter is refused by the natural key
            assertThat(sql.executeUpdate("""
                    insert into reading (id, meter_id, occurred_at, register, received_at)
                    values ('00000000-0000-0000-0000-000000000003', 'M-1', '2025-07-15T12:00:00Z', 3, now())
                    on conflict do nothing""")).isZero();
            assertThatThrownBy(() -> sql.execute("""
                    insert into reading (id, meter_id, occurred_at, register, received_at)
                    values (gen_random_uuid(), 'M-1', '2025-07-15T12:00:00Z', 4, now())"""))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void anEmptyVersion3DatabaseMigratesToo() throws SQLException {
        PreviousSchema schema = PreviousSchema.at("aqkol_test_metering_v3_empty", "3");

        schema.migrate();

        try (Connection db = schema.connect(); Statement sql = db.createStatement()) {
            assertThat(single(sql, "select count(*) from reading")).isEqualTo("0");
            assertThat(single(sql, "select count(*) from pg_inherits where inhparent = 'reading'::regclass"))
                    .isEqualTo("4");
        }
    }

    static String single(Statement sql, String query) throws SQLException {
        List<String> values = list(sql, query);
        assertThat(values).as(query).hasSize(1);
        return values.get(0);
    }

    static List<String> list(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
