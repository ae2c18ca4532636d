package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * Adjustments with four eyes: a credit, a debit or a write-off proposed by one operator moves no money until a second
 * person approves it; the resident then sees it on their invoices and statement with its reason, and both steps are
 * in the audit chain and in the resident's access log.
 */
@QuarkusTest
class AdjustmentIT {

    private static final String ALIYA = "op-aliya";
    private static final String BOLAT = "op-bolat";

    @Test
    void anAdjustmentMovesNoMoneyUntilASecondPersonApprovesIt() {
        Billing.tariff("WATER", "2002-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "10", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        String invoice = Billing.runInvoices(Billing.billRun("2002-02", List.of(account)).getString("id"))
                .get(account);
        assertThat(open(account, invoice)).isEqualTo(100_000);

        // proposed by Aliya: nothing moves, and she cannot approve it herself
        String credit = propose(ALIYA, account, "CREDIT", 30_000, invoice, "goodwill: gas off for two days in March")
                .statusCode(201).body("status", equalTo("PROPOSED")).body("proposedBy", equalTo(ALIYA))
                .extract().path("id");
        decide(ALIYA, credit, "approval", "looks right").statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("four eyes"));
        given().auth().oauth2(TestStack.token(Roles.SERVICE, "kaspi-pay")).contentType("application/json")
                .body("{}").when().post("/adjustments/" + credit + "/approval").then().statusCode(403);
        given().auth().oauth2(resident(account)).contentType("application/json").body("{}")
                .when().post("/adjustments/" + credit + "/approval").then().statusCode(403);
        given().auth().oauth2(resident(account)).contentType("application/json")
                .body("{\"kind\":\"CREDIT\",\"amountTiyn\":100,\"reason\":\"mine\"}")
                .when().post("/accounts/" + account + "/adjustments").then().statusCode(403);
        assertThat(open(account, invoice)).isEqualTo(100_000);
        assertThat(statement(account)).extracting(m -> m.get("kind")).containsExactly("INVOICE");
        ledgerIsSound();

        // approved by Bolat: a credit note settles 300 KZT of the invoice, and says why
        decide(BOLAT, credit, "approval", "checked the outage log").statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo(BOLAT))
                .body("document", org.hamcrest.Matchers.notNullValue());
        decide(BOLAT, credit, "approval", "again").statusCode(409);
        assertThat(open(account, invoice)).isEqualTo(70_000);
        Map<String, Object> note = invoices(account).stream().filter(i -> "CREDIT_NOTE".equals(i.get("kind")))
                .findFirst().orElseThrow();
        assertThat(note).containsEntry("totalTiyn", 30_000).containsEntry("originalInvoice", invoice);
        assertThat((String) note.get("note")).contains("goodwill: gas off for two days in March");
        Map<String, Object> movement = statement(account).get(0);
        assertThat(movement).containsEntry("kind", "CREDIT_NOTE").containsEntry("owedChangeTiyn", -30_000);
        assertThat((String) movement.get("note")).contains("goodwill");
        ledgerIsSound();

        // a write-off cannot give up more than is open; the rest of the debt, proposed by Bolat, approved by Aliya
        propose(BOLAT, account, "WRITE_OFF", 80_000, invoice, "resident deceased").statusCode(422);
        propose(BOLAT, account, "WRITE_OFF", 70_000, null, "no invoice named").statusCode(400);
        String writeOff = propose(BOLAT, account, "WRITE_OFF", 70_000, invoice, "resident deceased, estate empty")
                .statusCode(201).extract().path("id");
        assertThat(open(account, invoice)).isEqualTo(70_000);
        decide(ALIYA, writeOff, "approval", null).statusCode(200).body("status", equalTo("APPROVED"));
        assertThat(open(account, invoice)).isZero();
        ledgerIsSound();

        // a debit rejected by the second person: no document, no money; a rejection must say why
        String debit = propose(ALIYA, account, "DEBIT", 5_000, null, "meter seal replaced").statusCode(201)
                .extract().path("id");
        decide(BOLAT, debit, "rejection", null).statusCode(400);
        decide(BOLAT, debit, "rejection", "the seal is the utility's cost").statusCode(200)
                .body("status", equalTo("REJECTED")).body("document", org.hamcrest.Matchers.nullValue());
        decide(ALIYA, debit, "approval", null).statusCode(409);
        assertThat(invoices(account)).extracting(i -> i.get("kind")).doesNotContain("SUPPLEMENTARY");
        // approved, the same debit is a supplementary invoice, open, with its reason
        String charge = propose(ALIYA, account, "DEBIT", 5_000, null, "meter seal broken by the resident")
                .statusCode(201).extract().path("id");
        decide(BOLAT, charge, "approval", null).statusCode(200);
        Map<String, Object> supplementary = invoices(account).get(0);
        assertThat(supplementary).containsEntry("kind", "SUPPLEMENTARY").containsEntry("openTiyn", 5_000)
                .containsEntry("status", "OPEN");
        assertThat((String) supplementary.get("note")).contains("meter seal broken by the resident");
        ledgerIsSound();

        // a credit with nothing open to settle goes to the wallet
        String refund = propose(BOLAT, account, "CREDIT", 10_000, invoice, "overcharged standing fee").statusCode(201)
                .extract().path("id");
        decide(ALIYA, refund, "approval", null).statusCode(200);
        assertThat(statement(account).get(0)).containsEntry("walletChangeTiyn", 10_000);
        ledgerIsSound();

        // operators list what waits for them; each step is in the resident's access log
        staff().queryParam("account", account).when().get("/adjustments").then().statusCode(200)
                .body("items.size()", equalTo(5));
        List<Map<String, Object>> log = given().auth().oauth2(resident(account)).when().get("/me/access-log")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(log).extracting(e -> e.get("action")).contains("PROPOSE_ADJUSTMENT", "APPROVE_ADJUSTMENT",
                "REJECT_ADJUSTMENT");
        assertThat(log).filteredOn(e -> "APPROVE_ADJUSTMENT".equals(e.get("action")))
                .extracting(e -> e.get("who")).contains(BOLAT, ALIYA);
        given().auth().oauth2(TestStack.token(Roles.AUDITOR, "auditor-dana")).when().get("/audit/verify").then()
                .statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aProposalIsCheckedAgainstTheAccountAndItsInvoice() {
        String account = Billing.account("NONE", null, false);
        String other = Billing.account("NONE", null, false);
        propose(ALIYA, "AQ-nobody", "CREDIT", 100, null, "x").statusCode(404);
        propose(ALIYA, account, "CREDIT", 0, null, "nothing").statusCode(400);
        propose(ALIYA, account, "CREDIT", 100, null, " ").statusCode(400);
        given().auth().oauth2(TestStack.token(Roles.OPERATOR, ALIYA)).contentType("application/json")
                .body("{\"kind\":\"REFUND\",\"amountTiyn\":100,\"reason\":\"x\"}")
                .when().post("/accounts/" + account + "/adjustments").then().statusCode(400)
                .contentType("application/problem+json");
        // an invoice of another account cannot be named
        Billing.tariff("WATER", "2001-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "1", "MEASURED");
        String owner = Billing.account("NONE", null, false, meter);
        String theirs = Billing.runInvoices(Billing.billRun("2001-02", List.of(owner)).getString("id")).get(owner);
        propose(ALIYA, other, "WRITE_OFF", 100, theirs, "wrong account").statusCode(400)
                .body("errors[0].field", equalTo("invoiceId"));
    }

    private static ValidatableResponse propose(String operator, String account, String kind, long amount,
                                               String invoice, String reason) {
        return given().auth().oauth2(TestStack.token(Roles.OPERATOR, operator)).contentType("application/json")
                .body("{\"kind\":\"" + kind + "\",\"amountTiyn\":" + amount
                        + (invoice == null ? "" : ",\"invoiceId\":\"" + invoice + "\"") + ",\"reason\":\"" + reason
                        + "\"}")
                .when().post("/accounts/" + account + "/adjustments").then();
    }

    private static ValidatableResponse decide(String operator, String id, String decision, String note) {
        return given().auth().oauth2(TestStack.token(Roles.OPERATOR, operator)).contentType("application/json")
                .body(note == null ? "{}" : "{\"note\":\"" + note + "\"}")
                .when().post("/adjustments/" + id + "/" + decision).then();
    }

    private static io.restassured.specification.RequestSpecification staff() {
        return given().auth().oauth2(TestStack.token(Roles.OPERATOR, ALIYA));
    }

    private static long open(String account, String invoice) {
        return given().auth().oauth2(resident(account)).when().get("/me/invoices/" + invoice).then()
                .statusCode(200).extract().jsonPath().getLong("openTiyn");
    }

    private static List<Map<String, Object>> invoices(String account) {
        return given().auth().oauth2(resident(account)).when().get("/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static List<Map<String, Object>> statement(String account) {
        return given().auth().oauth2(resident(account)).when().get("/me/ledger").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static void ledgerIsSound() {
        JsonPath check = staff().when().get("/ledger/check").then().statusCode(200).extract().jsonPath();
        assertThat(check.getBoolean("ok")).as(check.prettify()).isTrue();
    }
}
