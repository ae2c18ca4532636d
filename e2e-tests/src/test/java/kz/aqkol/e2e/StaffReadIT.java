package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.launcher.Service;
import org.junit.jupiter.api.Test;

/**
 * Residents see who looked at their bills: a staff read of an account's invoices, with its stated purpose, is in
 * the audit chain and in that resident's access log, and in no one else's.
 */
class StaffReadIT {

    @Test
    void aStaffReadOfAResidentsInvoicesShowsInThatResidentsAccessLog() {
        String account = Village.unique("AQ");
        String neighbour = Village.unique("AQ");
        for (String resident : new String[] {account, neighbour}) {
            String meter = Village.unique("G");
            Village.meter(meter, "GAS", resident, Instant.now().minus(Duration.ofDays(30)));
            Village.account(resident, meter);
        }

        String clerk = Village.token("clerk-aigerim", "operator");
        as(clerk, Service.BILLING).header("X-Purpose", "COMPLAINT; resident called about the November bill")
                .when().get("/accounts/" + account + "/invoices").then().statusCode(200);

        List<Map<String, Object>> log = as(Village.resident(account), Service.BILLING).when().get("/me/access-log")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(log).anySatisfy(entry -> assertThat(entry).containsEntry("who", "clerk-aigerim")
                .containsEntry("role", "operator").containsEntry("objectId", account)
                .containsEntry("purpose", "COMPLAINT: resident called about the November bill"));
        List<Map<String, Object>> neighbours = as(Village.resident(neighbour), Service.BILLING)
                .when().get("/me/access-log").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(neighbours).noneMatch(entry -> "clerk-aigerim".equals(entry.get("who")));

        Map<String, Object> chain = as(Village.token("e2e-auditor", "auditor"), Service.BILLING)
                .when().get("/audit/verify").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(chain).containsEntry("intact", true);
    }
}
