package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * The four packaged services witness each other's audit chains: metering-service's checkpoints reach the other
 * three over the broker, each keeps them in its own database and shows them publicly, and when metering's tail is
 * cut in its database (entries and head, as a superuser can), its /audit/verify names the cut against what they hold.
 */
class AuditCheckpointsIT {

    @Test
    void aTailCutInOneServicesDatabaseIsNamedByTheCheckpointsTheOtherServicesHold() throws SQLException {
        String meter = Village.unique("G");
        Village.meter(meter, "GAS", Village.unique("AQ"), Instant.now().minus(Duration.ofDays(30)));
        for (String command : new String[] {"CLOSE_VALVE", "OPEN_VALVE"}) {
            as(Village.token("op-e2e-checkpoints", "operator"), Service.METERING)
                    .body("{\"command\":\"" + command + "\",\"reason\":\"checkpoint story\"}")
                    .when().post("/meters/" + meter + "/valve-commands").then().statusCode(201);
        }
        long head = head();

        for (Service witness : List.of(Service.CAMERA, Service.BILLING, Service.ALERT)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> RestAssured.given().baseUri(Village.url(witness))
                    .queryParam("service", "metering-service").queryParam("limit", 1000)
                    .when().get("/audit/checkpoints").then().statusCode(200).extract().jsonPath()
                    .getList("witnessed.headSeq", Long.class).contains(head));
        }
        JsonPath before = verify();
        assertThat(before.getBoolean("intact")).isTrue();
        assertThat(before.getString("external.status")).isEqualTo("COMPARED");
        assertThat(before.getInt("external.answered")).isEqualTo(3);

        try (Connection owner = Village.stack().stack().postgres().connect("metering");
             Statement statement = owner.createStatement()) {
            statement.execute("set session_replication_role = replica");
            String lastHash;
            try (ResultSet rs = statement.executeQuery("select hash from audit_entry where seq = " + (head - 1))) {
                rs.next();
                lastHash = rs.getString(1);
            }
            String removed = "create temporary table removed as select * from audit_entry where seq = " + head;
            statement.execute(removed);
            statement.execute("delete from audit_entry where seq = " + head);
            try (PreparedStatement rewind = owner.prepareStatement("update audit_head set seq = ?, hash = ?")) {
                rewind.setLong(1, head - 1);
                rewind.setString(2, lastHash);
                rewind.executeUpdate();
            }
            try {
                JsonPath cut = verify();

                assertThat(cut.getBoolean("intact")).isFalse();
                assertThat(cut.getLong("firstBrokenSeq")).isEqualTo(head);
                assertThat(cut.getString("reason")).startsWith("the chain ends at entry " + (head - 1)
                        + " but the checkpoint signed at ").endsWith(" names entry " + head);
            } finally {
                statement.execute("insert into audit_entry select * from removed");
                statement.execute("update audit_head set seq = " + head + ", hash = (select hash from audit_entry"
                        + " where seq = " + head + ")");
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    private static JsonPath verify() {
        return as(Village.token("e2e-auditor", "auditor"), Service.METERING).when().get("/audit/verify").then()
                .statusCode(200).extract().jsonPath();
    }

    private static long head() throws SQLException {
        try (Connection db = Village.stack().stack().postgres().connect("metering");
             Statement q = db.createStatement(); ResultSet rs = q.executeQuery("select seq from audit_head")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
