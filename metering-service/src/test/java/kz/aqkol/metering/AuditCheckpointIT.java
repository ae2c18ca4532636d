package kz.aqkol.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AuditCheckpoint;
import kz.aqkol.contracts.CheckpointSigning;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.test.AqkolTestStack;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.audit.AuditChain;
import kz.aqkol.platform.audit.AuditEntry;
import kz.aqkol.platform.audit.AuditEvent;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * The audit chain against the one who owns its database: metering-service signs checkpoints of its chain and
 * publishes them on the broker, where a witness outside its database keeps them (the test stack's witness, standing
 * in for the other services); a tail cut or a chain recomputed in the database is then named by /audit/verify. The
 * service's own database role cannot rewrite the chain at all, and it keeps only checkpoints of other services that
 * their keys really signed.
 */
@QuarkusTest
class AuditCheckpointIT {

    private static final String SERVICE = "metering-service";
    private static final String DATABASE = "aqkol_test_metering";

    @Test
    void theServiceSignsWhereItsChainStandsAndPublishesItBeyondItsDatabase() throws Exception {
        try (MqttTestClient listener = TestStack.mqtt().subscribe(Topics.auditCheckpoints(SERVICE))) {
            long head = audited(2);

            MqttTestClient.Received published = listener.await(m -> Codec.read(m.payload(), AuditCheckpoint.class)
                    .headSeq() == head, Duration.ofSeconds(20));
            AuditCheckpoint checkpoint = Codec.read(published.payload(), AuditCheckpoint.class);

            assertThat(checkpoint.service()).isEqualTo(SERVICE);
            assertThat(checkpoint.headHash()).isEqualTo(headHash());
            assertThat(CheckpointSigning.verifies(publicKey(SERVICE), checkpoint)).isTrue();
            assertThat(CheckpointSigning.verifies(publicKey("camera-service"), checkpoint)).isFalse();
            given().when().get("/audit/checkpoints").then().statusCode(200)
                    .body("service", equalTo(SERVICE))
                    .body("signed[0].headSeq", equalTo((int) head))
                    .body("signed[0].signature", equalTo(checkpoint.signature()));
            JsonPath verdict = verify();
            assertThat(verdict.getBoolean("intact")).isTrue();
            assertThat(verdict.getString("external.status")).isEqualTo("COMPARED");
        }
    }

    @Test
    void aTailCutInTheDatabaseIsNamedAgainstTheWitnessesCheckpoint() throws Exception {
        long head = audited(3);
        AuditCheckpoint witnessed = awaitWitnessed(head);
        long cutTo = head - 2;

        List<AuditEntry> original = entries();
        try (Connection owner = superuser()) {
            try (PreparedStatement cut = owner.prepareStatement("delete from audit_entry where seq > ?")) {
                cut.setLong(1, cutTo);
                assertThat(cut.executeUpdate()).isEqualTo(2);
            }
            rewindHead(owner, cutTo, original.get((int) cutTo - 1).hash());
            try {
                JsonPath verdict = verify();

                assertThat(verdict.getBoolean("intact")).isFalse();
                assertThat(verdict.getLong("firstBrokenSeq")).isEqualTo(cutTo + 1);
                assertThat(verdict.getString("reason")).startsWith("the chain ends at entry " + cutTo
                        + " but the checkpoint signed at ").endsWith(" names entry " + head);
                assertThat(verdict.getString("reason")).contains(witnessed.occurredAt().toString());
            } finally {
                restore(owner, original);
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void aChainRecomputedInTheDatabaseWithValidLinksIsNamedAgainstTheWitnessesCheckpoint() throws Exception {
        long head = audited(2);
        awaitWitnessed(head);

        List<AuditEntry> original = entries();
        List<AuditEntry> recomputed = new ArrayList<>();
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (AuditEntry e : original) {
            String actor = e.seq() == 1 ? "nobody-was-here" : e.actor();
            AuditEntry entry = AuditChain.link(seq, hash, e.occurredAt(), new AuditEvent(actor, e.role(), e.action(),
                    e.objectType(), e.objectId(), e.subjectAccount(), e.purpose(), e.detail()));
            recomputed.add(entry);
            seq = entry.seq();
            hash = entry.hash();
        }
        try (Connection owner = superuser()) {
            restore(owner, recomputed);
            try {
                JsonPath verdict = verify();

                assertThat(verdict.getBoolean("intact")).isFalse();
                assertThat(verdict.getString("reason")).matches(
                        "entry \\d+'s hash differs from the checkpoint signed at .+: the chain was recomputed at or "
                                + "before entry \\d+");
                assertThat(verdict.getString("external.status")).isEqualTo("COMPARED");
            } finally {
                restore(owner, original);
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void theServicesDatabaseRoleCannotRewriteTheChain() throws Exception {
        audited(1);
        List<AuditEntry> before = entries();
        long head = before.get(before.size() - 1).seq();
        String role = DATABASE + "_runtime";
        try (Connection runtime = DriverManager.getConnection(TestStack.stack().postgres().jdbcUrl(DATABASE), role,
                System.getenv("PGPASSWORD"));
             Statement statement = runtime.createStatement()) {
            assertThat(runtime.getMetaData().getUserName()).isEqualTo(role);
            assertRefused(statement, "update audit_entry set actor = 'nobody' where seq = 1");
            assertRefused(statement, "delete from audit_entry where seq = " + head);
            assertRefused(statement, "truncate audit_entry");
            assertRefused(statement, "update audit_head set seq = seq - 1");
            assertRefused(statement, "delete from audit_head");
            assertRefused(statement, "update audit_checkpoint set head_seq = 0");
            assertRefused(statement, "delete from audit_checkpoint");
            try (ResultSet rs = statement.executeQuery("select count(*) from audit_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the role still reads the chain").isEqualTo(before.size());
            }
        }
        assertThat(entries()).isEqualTo(before);
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void anotherServicesCheckpointIsWitnessedOnlyWhenItsKeySignedIt() throws Exception {
        String hash = UUID.randomUUID().toString().replace("-", "").repeat(2);
        long seq = System.nanoTime() % 1_000_000;
        AuditCheckpoint genuine = CheckpointSigning.sign(TestStack.stack().auditKeys().privateKey("camera-service"),
                "camera-service", seq, hash, Instant.now());
        AuditCheckpoint forged = CheckpointSigning.sign(TestStack.stack().auditKeys().privateKey("billing-service"),
                "camera-service", seq + 1, hash, Instant.now());
        AuditCheckpoint misplaced = CheckpointSigning.sign(TestStack.stack().auditKeys().privateKey("camera-service"),
                "camera-service", seq + 2, hash, Instant.now());
        try (MqttTestClient other = TestStack.mqtt()) {
            other.publish(Topics.auditCheckpoints("camera-service"), Codec.write(forged));
            other.publish(Topics.auditCheckpoints("billing-service"), Codec.write(misplaced));
            other.publish(Topics.auditCheckpoints("camera-service"), Codec.write(genuine));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given()
                .queryParam("service", "camera-service").queryParam("limit", 1000)
                .when().get("/audit/checkpoints").then().statusCode(200).extract().jsonPath()
                .getList("witnessed.id", String.class)).contains(genuine.id().toString()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(deadLetter(forged.id()))
                    .isEqualTo("signature: does not verify with the public key of camera-service");
            assertThat(deadLetter(misplaced.id())).isEqualTo("service: names camera-service but was published "
                    + "under billing-service");
        });
        List<String> witnessed = given().queryParam("limit", 1000).when().get("/audit/checkpoints").then()
                .statusCode(200).extract().jsonPath().getList("witnessed.id", String.class);
        assertThat(witnessed).contains(genuine.id().toString())
                .doesNotContain(forged.id().toString(), misplaced.id().toString());
    }

    /** Makes {@code n} audited operator actions and returns the chain's head after them. */
    private static long audited(int n) throws SQLException {
        String account = Fixtures.unique("AQ");
        String meter = Fixtures.unique("G");
        Fixtures.meter(meter, "GAS", "M3", 5, account);
        for (int i = 0; i < n; i++) {
            given().auth().oauth2(TestStack.token(Roles.OPERATOR, "op-dana")).contentType("application/json")
                    .body("{\"command\":\"" + (i % 2 == 0 ? "CLOSE_VALVE" : "OPEN_VALVE")
                            + "\",\"reason\":\"checkpoint test " + i + "\"}")
                    .when().post("/meters/" + meter + "/valve-commands").then().statusCode(201);
        }
        List<AuditEntry> entries = entries();
        return entries.get(entries.size() - 1).seq();
    }

    private static AuditCheckpoint awaitWitnessed(long head) {
        String witness = System.getProperty(AqkolTestStack.WITNESS_URL);
        return await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.given()
                        .baseUri(witness).port(-1).queryParam("service", SERVICE).queryParam("limit", 1000)
                        .when().get("/audit/checkpoints").then().statusCode(200).extract().jsonPath()
                        .getList("witnessed", Map.class).stream()
                        .filter(c -> ((Number) c.get("headSeq")).longValue() == head)
                        .map(c -> new AuditCheckpoint(UUID.fromString((String) c.get("id")),
                                Instant.parse((String) c.get("occurredAt")), (String) c.get("service"), head,
                                (String) c.get("headHash"), (String) c.get("signature")))
                        .findFirst().orElse(null),
                checkpoint -> checkpoint != null);
    }

    private static JsonPath verify() {
        return given().auth().oauth2(TestStack.token(Roles.AUDITOR)).when().get("/audit/verify").then()
                .statusCode(200).extract().jsonPath();
    }

    private static void assertRefused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501"));
    }

    private static Connection superuser() throws SQLException {
        return TestStack.stack().postgres().connect(DATABASE);
    }

    private static String headHash() throws SQLException {
        try (Connection db = superuser(); Statement q = db.createStatement();
             ResultSet rs = q.executeQuery("select hash from audit_head")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<AuditEntry> entries() throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection db = superuser(); Statement q = db.createStatement();
             ResultSet rs = q.executeQuery("select seq, occurred_at, actor, role, action, object_type, object_id,"
                     + " subject_account, purpose, detail, prev_hash, hash from audit_entry order by seq")) {
            while (rs.next()) {
                entries.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
            }
        }
        return entries;
    }

    /** Replaces the whole chain and its head, as a superuser can (triggers off for the session). */
    private static void restore(Connection owner, List<AuditEntry> chain) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("delete from audit_entry");
        }
        try (PreparedStatement insert = owner.prepareStatement("insert into audit_entry (seq, occurred_at, actor,"
                + " role, action, object_type, object_id, subject_account, purpose, detail, prev_hash, hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : chain) {
                insert.setLong(1, e.seq());
                insert.setTimestamp(2, Timestamp.from(e.occurredAt()));
                insert.setString(3, e.actor());
                insert.setString(4, e.role());
                insert.setString(5, e.action());
                insert.setString(6, e.objectType());
                insert.setString(7, e.objectId());
                insert.setString(8, e.subjectAccount());
                insert.setString(9, e.purpose());
                insert.setString(10, e.detail());
                insert.setString(11, e.prevHash());
                insert.setString(12, e.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        AuditEntry last = chain.get(chain.size() - 1);
        rewindHead(owner, last.seq(), last.hash());
    }

    /** Sets the head where a superuser wants it: the append-only trigger does not fire in replica mode. */
    private static void rewindHead(Connection owner, long seq, String hash) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        try (PreparedStatement head = owner.prepareStatement("update audit_head set seq = ?, hash = ?")) {
            head.setLong(1, seq);
            head.setString(2, hash);
            assertThat(head.executeUpdate()).isEqualTo(1);
        }
    }

    private static String deadLetter(UUID checkpoint) throws SQLException {
        try (Connection db = superuser(); PreparedStatement q = db.prepareStatement(
                "select reason from dead_letter where channel = 'audit-checkpoints' and convert_from(payload, 'UTF8')"
                        + " like ?")) {
            q.setString(1, "%" + checkpoint + "%");
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static PublicKey publicKey(String service) throws Exception {
        return CheckpointSigning.publicKey(Files.readString(
                TestStack.stack().auditKeys().publicKeysDirectory().resolve(service + ".pem")));
    }
}
