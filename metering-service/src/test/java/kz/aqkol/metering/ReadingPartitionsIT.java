package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.ScannedPartitions;
import kz.aqkol.devstack.test.ServiceChecks;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.metering.reading.ReadingPartitions;
import kz.aqkol.platform.db.MonthlyPartitions;
import org.junit.jupiter.api.Test;

/** Readings in monthly partitions: made ahead and on demand, dropped past the retention, pruned by the hot queries. */
@QuarkusTest
class ReadingPartitionsIT {

    private static final String DATABASE = "aqkol_test_metering";

    @Inject
    ReadingPartitions partitions;

    @Test
    void theCurrentMonthAndTheNextThreeHaveTheirPartition() throws SQLException {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(partitionsOf("reading")).contains(name(now), name(now.plusMonths(1)), name(now.plusMonths(2)),
                name(now.plusMonths(3)));
    }

    @Test
    void aReadingOfAMonthLongPastGetsItsPartitionAndIsStillStoredOnce() throws SQLException {
        String meter = Fixtures.unique("G");
        Instant installed = Instant.parse("2023-01-01T00:00:00Z");
        register(meter, installed);
        Instant at = Instant.parse("2024-02-10T06:00:00Z");
        UUID id = UUID.randomUUID();
        try (MqttTestClient device = TestStack.mqtt()) {
            device.publish(Topics.meterReadings(meter), Fixtures.reading(id, at, "10.5", "M3"));
            // redelivered: same message id, same instant
            device.publish(Topics.meterReadings(meter), Fixtures.reading(id, at, "10.5", "M3"));
            // another message for the same meter and instant: the natural key refuses it
            device.publish(Topics.meterReadings(meter), Fixtures.reading(UUID.randomUUID(), at, "99", "M3"));
            // the same id at another instant is another reading (ids are unique per instant: see the migration)
            device.publish(Topics.meterReadings(meter), Fixtures.reading(id, at.plusSeconds(3600), "11.5", "M3"));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.staff()
                .queryParam("from", at.minusSeconds(60).toString()).queryParam("to", at.plusSeconds(7200).toString())
                .when().get("/meters/" + meter + "/readings").then().statusCode(200)
                .body("items", hasSize(2)).body("items.register", contains(10.5f, 11.5f)));
        assertThat(partitionsOf("reading")).contains("reading_y2024m02");
    }

    @Test
    void aReadingOlderThanTheRetentionIsDeadLetteredWithTheReason() {
        String meter = Fixtures.unique("G");
        register(meter, Instant.parse("2000-01-01T00:00:00Z"));

        ServiceChecks.deadLettered("metering-service", Topics.meterReadings(meter),
                Fixtures.reading(UUID.randomUUID(), Instant.parse("2001-06-01T00:00:00Z"), "1", "M3"),
                "occurredAt: is older than readings are kept");
    }

    @Test
    void monthsPastTheRetentionAreDroppedWholeAndTheOthersKept() throws SQLException {
        try (Connection db = owner(); Statement sql = db.createStatement()) {
            sql.execute("select aqkol_create_month_partition('reading', '2002-03-01T00:00:00Z')");
            sql.execute("insert into reading (id, meter_id, occurred_at, register, received_at)"
                    + " values (gen_random_uuid(), 'OLD', '2002-03-15T00:00:00Z', 1, now())");
        }

        MonthlyPartitions.Maintenance run = partitions.maintain().await().atMost(Duration.ofSeconds(30));

        assertThat(run.dropped()).contains("reading_y2002m03");
        assertThat(partitionsOf("reading")).doesNotContain("reading_y2002m03")
                .contains(name(YearMonth.now(ZoneOffset.UTC)));
        try (Connection db = owner(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from reading where meter_id = 'OLD'")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void theServiceRoleRunsOnlyThePartitionFunctionsAndThoseNeverDropAMonthNotOver() throws SQLException {
        try (Connection runtime = DriverManager.getConnection(TestStack.stack().postgres().jdbcUrl(DATABASE),
                DATABASE + "_runtime", System.getenv("PGPASSWORD"));
             Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute("create table reading_y1999m01 partition of reading"
                    + " for values from ('1999-01-01') to ('1999-02-01')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            sql.execute("select aqkol_create_month_partition('reading', '1999-01-15T00:00:00Z')");
            sql.execute("select aqkol_drop_month_partition('reading', '1999-01-01T00:00:00Z')");
            assertThatThrownBy(() -> sql.execute("select aqkol_drop_month_partition('reading', now())"))
                    .hasMessageContaining("is not over yet");
        }
        assertThat(partitionsOf("reading")).doesNotContain("reading_y1999m01")
                .contains(name(YearMonth.now(ZoneOffset.UTC)));
    }

    /**
     * The hot queries read only the months they ask for: a meter's readings in a range (ReadingRepository.between)
     * and what consumption over a period loads (ReadingRepository.spanning: the range, the last reading before it
     * and the first after it), here as the SQL Hibernate sends for them, bound like it.
     */
    @Test
    void theHotQueriesScanOnlyTheMonthsTheyAskFor() throws SQLException {
        String meter = Fixtures.unique("P");
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        try (Connection db = owner()) {
            for (int back = 4; back >= 0; back--) {
                YearMonth month = now.minusMonths(back);
                try (PreparedStatement make = db.prepareStatement(
                        "select aqkol_create_month_partition('reading', ?)")) {
                    make.setObject(1, MonthlyPartitions.start(month));
                    make.execute();
                }
                for (int day = 1; day <= 25; day += 3) {
                    try (PreparedStatement insert = db.prepareStatement("insert into reading (id, meter_id,"
                            + " occurred_at, register, received_at) values (gen_random_uuid(), ?, ?, ?, now())")) {
                        insert.setString(1, meter);
                        insert.setObject(2, MonthlyPartitions.start(month).plusDays(day - 1));
                        insert.setInt(3, 1000 - back * 30 + day);
                        insert.execute();
                    }
                }
            }
            db.createStatement().execute("analyze reading");
            OffsetDateTime from = MonthlyPartitions.start(now.minusMonths(3)).plusDays(10);
            OffsetDateTime to = MonthlyPartitions.start(now.minusMonths(2)).plusDays(10);
            Set<String> expected = Set.of(name(now.minusMonths(3)), name(now.minusMonths(2)));

            assertThat(ScannedPartitions.of(db, """
                    select r.id, r.flags, r.meter_id, r.occurred_at, r.received_at, r.register from reading r
                    where r.meter_id = ? and r.occurred_at >= ? and r.occurred_at < ?
                    order by r.occurred_at offset ? rows fetch first ? rows only""", meter, from, to, 0, 500))
                    .isEqualTo(expected);
            assertThat(ScannedPartitions.of(db, """
                    select r.id, r.flags, r.meter_id, r.occurred_at, r.received_at, r.register from reading r
                    where r.meter_id = ?
                      and r.occurred_at >= coalesce((select max(r2.occurred_at) from reading r2
                                                     where r2.meter_id = ? and r2.occurred_at < ?), ?)
                      and r.occurred_at <= coalesce((select min(r3.occurred_at) from reading r3
                                                     where r3.meter_id = ? and r3.occurred_at >= ?), ?)
                    order by r.occurred_at""", meter, meter, from, from, meter, to, to))
                    .isEqualTo(expected);
        }
    }

    private static void register(String meter, Instant installed) {
        given().auth().oauth2(Fixtures.operator()).contentType("application/json")
                .body("""
                        {"id":"%s","utility":"GAS","unit":"M3","registerDigits":5,"multiplier":1,"hasValve":false,
                         "zone":"north","installedAt":"%s"}""".formatted(meter, installed))
                .when().post("/meters").then().statusCode(201);
    }

    private static String name(YearMonth month) {
        return String.format("reading_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    static List<String> partitionsOf(String table) throws SQLException {
        try (Connection db = owner(); PreparedStatement query = db.prepareStatement("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = ?::regclass order by 1""")) {
            query.setString(1, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static Connection owner() throws SQLException {
        return TestStack.stack().postgres().connect(DATABASE);
    }
}
