package kz.aqkol.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DevStackTest {

    private final DevStack stack = DevStack.forTests();

    /**
     * Exactly once between the members of a share group, and a member leaving hands the stream to the others.
     * (How a broker splits the load varies: Mosquitto alternates, HiveMQ CE may give one member most of it.)
     */
    @Test
    void aShareGroupHandlesEachMessageExactlyOnceBetweenItsMembers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String filter = "aqkol/v1/test-" + run + "/+/readings";
        String shared = "$share/group-" + run + "/" + filter;
        // within Mosquitto's default max_queued_messages (1000), beyond which it drops QoS 1 messages
        int count = 800;
        try (MqttTestClient first = member("member-a-" + run).subscribe(shared);
             MqttTestClient second = member("member-b-" + run).subscribe(shared);
             MqttTestClient device = client("device-" + run)) {
            publish(device, run, 0, count);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> first.acknowledged() + second.acknowledged() >= count);

            Set<String> seenByFirst = payloads(first);
            Set<String> seenBySecond = payloads(second);
            assertThat(first.received()).as("first member, no duplicates").hasSameSizeAs(seenByFirst);
            assertThat(second.received()).as("second member, no duplicates").hasSameSizeAs(seenBySecond);
            assertThat(intersection(seenByFirst, seenBySecond)).as("seen by both").isEmpty();
            assertThat(union(seenByFirst, seenBySecond)).hasSize(count);

            MqttTestClient busier = seenByFirst.size() >= seenBySecond.size() ? first : second;
            MqttTestClient other = busier == first ? second : first;
            int before = other.received().size();
            busier.close();
            publish(device, run, count, count);
            await().atMost(Duration.ofSeconds(60)).until(() -> other.received().size() >= before + count);
            assertThat(payloads(other)).as("the remaining member takes over").hasSize(before + count);
        }
    }

    @Test
    void aServiceDatabaseCanBeRecreatedEmpty() throws Exception {
        String name = "aqkol_devstack_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        stack.postgres().recreateDatabase(name);
        try (Connection connection = stack.postgres().connect(name)) {
            connection.createStatement().execute("create table marker (id int)");
        }
        stack.postgres().recreateDatabase(name);

        try (Connection connection = stack.postgres().connect(name);
             ResultSet tables = connection.createStatement()
                     .executeQuery("select count(*) from pg_tables where tablename = 'marker'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void devTokensAreSignedRs256WithTheRolesInGroups() {
        String token = stack.tokens().issue("AQ-0001", Duration.ofMinutes(5), "resident");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), UTF_8);
        assertThat(claims).contains("\"sub\":\"AQ-0001\"").contains("\"groups\":[\"resident\"]")
                .contains("\"iss\":\"aqkol-dev\"");
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), UTF_8);
        assertThat(header).contains("RS256");
    }

    /** A consumer that takes a moment per message, as a real one does, so the broker has reason to share. */
    private MqttTestClient member(String id) {
        return MqttTestClient.connect(stack.broker().host(), stack.broker().port(), id, true, Duration.ofMillis(1));
    }

    private static void publish(MqttTestClient device, String run, int from, int count) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            acks.add(device.publishAsync("aqkol/v1/test-" + run + "/M-" + (i % 10) + "/readings",
                    Integer.toString(i).getBytes(UTF_8)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private MqttTestClient client(String id) {
        return MqttTestClient.connect(stack.broker().host(), stack.broker().port(), id);
    }

    private static Set<String> payloads(MqttTestClient client) {
        Set<String> payloads = new HashSet<>();
        client.received().forEach(message -> payloads.add(message.text()));
        return payloads;
    }

    @Test
    void anExternalServerTakesItsPasswordFromPgpasswordNeverFromTheUrl() {
        Postgres server = Postgres.external("postgresql://metering@db.internal:6432");
        assertThat(server.serviceConfig()).containsEntry("aqkol.db.host", "db.internal")
                .containsEntry("aqkol.db.port", "6432").containsEntry("quarkus.datasource.username", "metering");
        if (System.getenv(Postgres.PASSWORD_VARIABLE) == null) {
            assertThat(server.serviceConfig()).doesNotContainKey("quarkus.datasource.password");
        } else {
            assertThat(server.serviceConfig()).containsEntry("quarkus.datasource.password", "${PGPASSWORD}");
        }
        assertThatThrownBy(() -> Postgres.external("postgresql://metering:in-the-url@db.internal:6432"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set PGPASSWORD instead");
    }
}
