package kz.aqkol.camera;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/** After a PLATE event (and a watch-list entry and a lookup for it) the plate is nowhere in the database or log. */
@QuarkusTest
class PlatePrivacyIT {

    @Test
    void thePlateStringAppearsNowhereInTheDatabaseOrTheLog() throws Exception {
        String plate = "KZ" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 3) + "PLT";
        List<String> log = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                if (record.getThrown() != null) {
                    line.append(' ').append(record.getThrown());
                }
                synchronized (log) {
                    log.add(line.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String camera = Fixtures.camera(Fixtures.zone("PUBLIC"));
            Instant at = Instant.now().minus(Duration.ofMinutes(5));
            String dispatcher = Fixtures.person(Fixtures.unique("mia"), Roles.DISPATCHER);
            String investigation = Fixtures.approvedInvestigation(dispatcher, "PRIV-1", "[\"" + camera + "\"]",
                    at.minus(Duration.ofMinutes(1)), at.plus(Duration.ofMinutes(1)), at.plus(Duration.ofDays(1)));
            given().auth().oauth2(dispatcher).contentType("application/json")
                    .body("{\"grant\":\"" + investigation + "\",\"plate\":\"" + plate + "\"}")
                    .when().post("/watchlist").then().statusCode(201);
            String escaped = escaped(plate);
            UUID event;
            String unknown = Fixtures.unique("CAM-UNKNOWN");
            try (MqttTestClient device = TestStack.mqtt();
                 MqttTestClient dlq = TestStack.mqtt().subscribe(kz.aqkol.contracts.Topics.deadLetters(
                         "camera-service"))) {
                event = Fixtures.publish(device, camera, at, "PLATE", plate);
                Fixtures.publish(device, camera, at, "VEHICLE", plate.toLowerCase(Locale.ROOT));
                // refused ones: from a camera nobody registered, and malformed (confidence out of range)
                Fixtures.publish(device, unknown, at, "PLATE", plate);
                device.publish(kz.aqkol.contracts.Topics.cameraEvents(camera), "{\"id\":\"" + UUID.randomUUID()
                        + "\",\"occurredAt\":\"" + at + "\",\"type\":\"PLATE\",\"confidence\":2.5,\"plate\":\""
                        + plate + "\"}");
                // the plate written with escapes, under an escaped name, nested, and in a payload that is not JSON
                device.publish(kz.aqkol.contracts.Topics.cameraEvents(camera), "{\"id\":\"" + UUID.randomUUID()
                        + "\",\"occurredAt\":\"" + at + "\",\"type\":\"PLATE\",\"confidence\":3.5,"
                        + "\"\\u0070late\":\"" + escaped + "\",\"extra\":{\"plate\":\"" + escaped + "\"}}");
                device.publish(kz.aqkol.contracts.Topics.cameraEvents(camera), plate + " seen {\"plate\":\""
                        + escaped);
                // what operators' tools see on the dead-letter topic is pseudonymised too
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> dlq.received().size() >= 4);
                assertThat(dlq.received()).hasSize(4).allSatisfy(m -> assertThat(m.text())
                        .doesNotContainIgnoringCase(plate).doesNotContainIgnoringCase(escaped)
                        .doesNotContainIgnoringCase(escaped.replace("\\", "\\\\")));
                assertThat(dlq.received()).filteredOn(m -> m.text().contains("plateHash")).hasSize(3);
                assertThat(dlq.received()).filteredOn(m -> m.text().contains("fingerprint")).hasSize(1);
            }
            Fixtures.stored(event);
            String grant = Fixtures.requestGrant(dispatcher, Fixtures.grant("INCIDENT", "PRIV-1",
                    "[\"" + camera + "\"]", null, at.minus(Duration.ofMinutes(1)), at.plus(Duration.ofMinutes(1)),
                    Instant.now().plus(Duration.ofHours(1))));
            given().auth().oauth2(dispatcher).contentType("application/json")
                    .body("{\"grant\":\"" + grant + "\",\"plate\":\"" + plate + "\"}")
                    .when().post("/events/plate-lookups").then().statusCode(200);
            Thread.sleep(2_000); // let the outbox relay the watch-list alert, so its row is in the dump as sent

            // the refused messages are dead-lettered, and their plates pseudonymised there
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.count(
                    "select count(*) from dead_letter where topic in (?, ?) and payload::text like ?",
                    kz.aqkol.contracts.Topics.cameraEvents(unknown), kz.aqkol.contracts.Topics.cameraEvents(camera),
                    "%" + HexFormat.of().formatHex("plateHash".getBytes(UTF_8)) + "%") == 3);
            List<String> hits = databaseRowsContaining(plate);
            assertThat(hits).as("rows holding the plate").isEmpty();
            assertThat(Fixtures.count("select count(*) from dead_letter where position(lower(?) in"
                    + " lower(convert_from(payload, 'UTF8'))) > 0", escaped)).as("rows holding it escaped").isZero();
            synchronized (log) {
                assertThat(log).isNotEmpty();
                assertThat(log.stream().filter(l -> l.toUpperCase(Locale.ROOT).contains(plate))).isEmpty();
            }
        } finally {
            root.removeHandler(capture);
        }
    }

    /** The plate as JSON may spell it: every character a {@code \\u} escape. */
    private static String escaped(String plate) {
        StringBuilder out = new StringBuilder();
        plate.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.toString();
    }

    /** Every row of every table in the service's schema, as text (bytea as hex and as UTF-8), searched. */
    private static List<String> databaseRowsContaining(String plate) throws Exception {
        String upper = plate.toUpperCase(Locale.ROOT);
        String hex = HexFormat.of().formatHex(plate.getBytes(UTF_8));
        String hexLower = HexFormat.of().formatHex(plate.toLowerCase(Locale.ROOT).getBytes(UTF_8));
        List<String> hits = new ArrayList<>();
        try (Connection db = Fixtures.db(); Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("detection_event", "watch_entry", "audit_entry", "outbox", "dead_letter");
            for (String table : tables) {
                try (Statement q = db.createStatement();
                     ResultSet rs = q.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rs.next()) {
                        String row = rs.getString(1).toUpperCase(Locale.ROOT);
                        if (row.contains(upper) || row.contains(hex.toUpperCase(Locale.ROOT))
                                || row.contains(hexLower.toUpperCase(Locale.ROOT))) {
                            hits.add(table + ": " + row);
                        }
                    }
                }
            }
        }
        return hits;
    }
}
