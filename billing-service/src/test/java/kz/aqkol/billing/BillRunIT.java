package kz.aqkol.billing;

import static io.restassured.RestAssured.given;
import static kz.aqkol.billing.Billing.operator;
import static kz.aqkol.billing.Billing.resident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import kz.aqkol.billing.run.BillRunCarrier;
import kz.aqkol.billing.run.Metering;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import kz.aqkol.contracts.MeterAssignmentChanged;
import kz.aqkol.devstack.test.TestStack;
import kz.aqkol.platform.security.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BillRunIT {

    @Inject
    CircuitBreakerMaintenance breakers;

    private static final String RUNS = "aqkol_billing_bill_runs_total";
    private static final String RUNS_TIMED = "aqkol_billing_bill_run_duration_seconds_count";
    private static final String ACCOUNTS = "aqkol_billing_bill_run_accounts_total";
    private static final String TAKEOVERS = "aqkol_billing_bill_run_takeovers_total";
    private static final String COMPLETED = "outcome=\"completed\"";
    private static final String BLOCKS_2021 = "[{\"upTo\":100,\"priceTiyn\":2000},{\"priceTiyn\":3000}]";
    private static final String BLOCKS_2021_RAISED = "[{\"upTo\":100,\"priceTiyn\":2400},{\"priceTiyn\":3600}]";

    @Test
    void tariffsArePublicVersionedAndValidated() {
        JsonPath first = Billing.tariff("HEAT", "2016-01-01", 10_000, "[{\"priceTiyn\":150000}]", "{}");
        JsonPath second = Billing.tariff("HEAT", "2016-07-01", 12_000, "[{\"priceTiyn\":160000}]",
                "{\"VETERAN\":100}");
        assertThat(second.getInt("version")).isEqualTo(first.getInt("version") + 1);
        assertThat(second.getString("createdBy")).isEqualTo("op-aliya");
        assertThat(second.getString("reason")).contains("2016-07-01");

        // public: no token needed, and every version is kept
        given().when().get("/tariffs?utility=HEAT").then().statusCode(200)
                .body("id", hasItem(first.getInt("id"))).body("id", hasItem(second.getInt("id")));
        given().when().get("/tariffs/" + first.getInt("id")).then().statusCode(200)
                .body("blocks[0].priceTiyn", equalTo(150000));

        // only operators make tariffs; bad ones are refused naming the field
        given().auth().oauth2(resident("AQ-x")).contentType("application/json").body("{}")
                .when().post("/tariffs").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"utility\":\"GAS\",\"effectiveFrom\":\"2016-01-01\",\"unit\":\"M3\",\"standingChargeTiyn\":-1,"
                        + "\"blocks\":[{\"upTo\":10,\"priceTiyn\":1}],\"reason\":\"\"}")
                .when().post("/tariffs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("standingChargeTiyn")).body("errors.field", hasItem("reason"));
        given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"utility\":\"GAS\",\"effectiveFrom\":\"2016-01-01\",\"unit\":\"M3\",\"standingChargeTiyn\":1,"
                        + "\"blocks\":[{\"upTo\":10,\"priceTiyn\":1}],\"reason\":\"flat\"}")
                .when().post("/tariffs").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("blocks[0].upTo"));
        given().auth().oauth2(operator()).contentType("application/json").body("{\"utility\":\"STEAM\"}")
                .when().post("/tariffs").then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBillRunInvoicesSplitsATariffChangeReportsTheFailingAccountPendingAndRunsTwiceWithoutDuplicates() {
        Billing.tariff("GAS", "2021-01-01", 50_000, BLOCKS_2021, "{\"PENSIONER\":50}");
        Billing.tariff("GAS", "2021-03-21", 60_000, BLOCKS_2021_RAISED, "{\"PENSIONER\":50}");
        String m1 = Billing.unique("G");
        String m2 = Billing.unique("G");
        String m3 = Billing.unique("G");
        FakeMetering.set(m1, "GAS", "150", "MEASURED");
        FakeMetering.set(m2, "GAS", "80", "ESTIMATED");
        FakeMetering.failing(m3, true);
        String a1 = Billing.account("NONE", null, false, m1);
        String a2 = Billing.account("PENSIONER", null, false, m2);
        String a3 = Billing.account("NONE", null, false, m3);
        String a4 = Billing.account("NONE", null, false);

        double completed = Billing.metric(RUNS, COMPLETED);
        double timed = Billing.metric(RUNS_TIMED, COMPLETED);
        double invoiced = Billing.metric(ACCOUNTS, "outcome=\"invoiced\"");
        double pending = Billing.metric(ACCOUNTS, "outcome=\"pending\"");
        double noMeters = Billing.metric(ACCOUNTS, "outcome=\"no_meters\"");
        JsonPath run = Billing.billRun("2021-03", List.of(a1, a2, a3, a4));
        assertThat(run.getLong("outcomes.INVOICED")).isEqualTo(2);
        // the run shows on /q/metrics: one more completed (and timed), its accounts counted by outcome
        Billing.awaitMetricAtLeast(RUNS, COMPLETED, completed + 1);
        Billing.awaitMetricAtLeast(RUNS_TIMED, COMPLETED, timed + 1);
        assertThat(Billing.metric(ACCOUNTS, "outcome=\"invoiced\"")).isGreaterThanOrEqualTo(invoiced + 2);
        assertThat(Billing.metric(ACCOUNTS, "outcome=\"pending\"")).isGreaterThanOrEqualTo(pending + 1);
        assertThat(Billing.metric(ACCOUNTS, "outcome=\"no_meters\"")).isGreaterThanOrEqualTo(noMeters + 1);
        assertThat(run.getLong("outcomes.PENDING")).isEqualTo(1);
        assertThat(run.getLong("outcomes.NO_METERS")).isEqualTo(1);
        assertThat(run.getString("pending[0].account")).isEqualTo(a3);
        assertThat(run.getString("pending[0].reason")).contains("metering-service");
        Map<String, String> first = Billing.runInvoices(run.getString("id"));
        assertThat(first).containsOnlyKeys(a1, a2);

        // 150 m³ over March: 20 days of the old tariff, 11 of the raised one (see TariffMathTest for the rules)
        JsonPath invoice = given().auth().oauth2(resident(a1)).when().get("/me/invoices/" + first.get(a1)).then()
                .statusCode(200).extract().jsonPath();
        assertThat(invoice.getLong("totalTiyn")).isEqualTo(428_386);
        assertThat(invoice.getString("status")).isEqualTo("OPEN");
        assertThat(invoice.getString("period")).isEqualTo("2021-03");
        assertThat(invoice.getString("lines[0].meterId")).isEqualTo(m1);
        JsonPath pensioner = given().auth().oauth2(resident(a2)).when().get("/me/invoices/" + first.get(a2))
                .then().statusCode(200).extract().jsonPath();
        assertThat(pensioner.getLong("totalTiyn")).isEqualTo(67_742 + 44_709);

        // the explanation: registers with quality, consumption, both tariff versions, blocks and arithmetic
        JsonPath why = given().auth().oauth2(resident(a1)).when()
                .get("/me/invoices/" + first.get(a1) + "/explanation").then().statusCode(200).extract().jsonPath();
        assertThat(why.getString("meters[0].meterId")).isEqualTo(m1);
        assertThat(why.getString("meters[0].startRegister.quality")).isEqualTo("MEASURED");
        assertThat(why.getString("meters[0].endRegister.value")).isNotNull();
        assertThat(why.getDouble("meters[0].consumption")).isEqualTo(150.0);
        assertThat(why.getList("meters[0].segments")).hasSize(2);
        assertThat(why.getInt("meters[0].segments[0].days")).isEqualTo(20);
        assertThat(why.getInt("meters[0].segments[1].days")).isEqualTo(11);
        assertThat(why.getInt("meters[0].segments[1].tariffVersion"))
                .isEqualTo(why.getInt("meters[0].segments[0].tariffVersion") + 1);
        assertThat(why.getString("meters[0].segments[0].blocks[0].arithmetic"))
                .isEqualTo("64.516129 M3 × 20.00 KZT = 1290.32 KZT");
        assertThat(why.getString("roundingRule")).contains("half up");
        assertThat(why.getLong("totalTiyn")).isEqualTo(428_386);
        JsonPath estimated = given().auth().oauth2(resident(a2)).when()
                .get("/me/invoices/" + first.get(a2) + "/explanation").then().statusCode(200).extract().jsonPath();
        assertThat(estimated.getString("meters[0].quality")).isEqualTo("ESTIMATED");
        assertThat(estimated.getInt("meters[0].segments[0].discountPercent")).isEqualTo(50);

        // the same period again: nothing new, the same invoices
        JsonPath again = Billing.billRun("2021-03", List.of(a1, a2, a3, a4));
        assertThat(again.getLong("outcomes.INVOICED")).isZero();
        assertThat(again.getLong("outcomes.ALREADY_INVOICED")).isEqualTo(2);
        assertThat(again.getLong("outcomes.PENDING")).isEqualTo(1);
        assertThat(Billing.runInvoices(again.getString("id"))).isEqualTo(first);
        assertThat(given().auth().oauth2(resident(a1)).when().get("/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);

        // metering-service answers for the meter again: a retry of the run invoices the pending account
        FakeMetering.failing(m3, false);
        given().auth().oauth2(operator()).when().post("/bill-runs/" + run.getString("id") + "/retry").then()
                .statusCode(202);
        JsonPath retried = Billing.awaitRun(run.getString("id"));
        assertThat(retried.getLong("outcomes.PENDING")).isZero();
        assertThat(retried.getLong("outcomes.INVOICED")).isEqualTo(3);
        assertThat(Billing.runInvoices(run.getString("id"))).containsKey(a3).containsEntry(a1, first.get(a1));

        Billing.assertLedgerOk();
        JsonPath balance = Billing.balance(a1);
        assertThat(balance.getLong("owedTiyn")).isEqualTo(428_386);
        // with so few accounts, the failed attempts for one meter (each retry counts) have opened the breaker
        // over metering-service; close it for the tests that follow
        breakers.reset(Metering.BREAKER);
    }

    @Test
    void withMeteringServiceFailingTheBreakerOpensAndTheRunStillCompletesWithEveryAccountPending() {
        Billing.tariff("WATER", "2009-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        List<String> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String meter = Billing.unique("W");
            FakeMetering.set(meter, "WATER", "1", "MEASURED");
            FakeMetering.failing(meter, true);
            accounts.add(Billing.account("NONE", null, false, meter));
        }
        try {
            JsonPath run = Billing.billRun("2009-02", accounts);
            assertThat(run.getLong("outcomes.PENDING")).isEqualTo(8);
            assertThat(breakers.currentState(Metering.BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
            assertThat(run.getList("pending.reason").toString()).contains("CircuitBreakerOpenException");
        } finally {
            breakers.reset(Metering.BREAKER);
        }
    }

    /**
     * metering-service moved a meter from one account to another mid-month: each account is billed for the meter over
     * the part of the month it held it, and metering-service is asked for exactly those parts.
     */
    @Test
    void aMeterMovedMidMonthIsBilledToEachAccountForItsPart() {
        Billing.tariff("WATER", "2003-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "6", "MEASURED"); // for each part asked: the fake does not divide
        String seller = Billing.account("NONE", null, false, meter);
        String buyer = Billing.account("NONE", null, false);
        java.time.ZoneId village = java.time.ZoneId.of("Asia/Almaty");
        java.time.Instant start = java.time.LocalDate.of(2003, 4, 1).atStartOfDay(village).toInstant();
        java.time.Instant moved = java.time.LocalDate.of(2003, 4, 16).atStartOfDay(village).toInstant();
        java.time.Instant end = java.time.LocalDate.of(2003, 5, 1).atStartOfDay(village).toInstant();
        Billing.meterHistory(meter, 2, new MeterAssignmentChanged.Assignment(seller, Billing.LONG_AGO, moved),
                new MeterAssignmentChanged.Assignment(buyer, moved, null));

        JsonPath run = Billing.billRun("2003-04", List.of(seller, buyer));
        assertThat(run.getLong("outcomes.INVOICED")).as(run.prettify()).isEqualTo(2);
        Map<String, String> invoices = Billing.runInvoices(run.getString("id"));
        JsonPath before = given().auth().oauth2(resident(seller)).when()
                .get("/me/invoices/" + invoices.get(seller) + "/explanation").then().statusCode(200)
                .extract().jsonPath();
        JsonPath after = given().auth().oauth2(resident(buyer)).when()
                .get("/me/invoices/" + invoices.get(buyer) + "/explanation").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getList("meters")).hasSize(1);
        assertThat(after.getList("meters")).hasSize(1);
        assertThat(java.time.Instant.parse(before.getString("meters[0].startRegister.at"))).isEqualTo(start);
        assertThat(java.time.Instant.parse(before.getString("meters[0].endRegister.at"))).isEqualTo(moved);
        assertThat(java.time.Instant.parse(after.getString("meters[0].startRegister.at"))).isEqualTo(moved);
        assertThat(java.time.Instant.parse(after.getString("meters[0].endRegister.at"))).isEqualTo(end);
        assertThat(before.getString("meters[0].meterId")).isEqualTo(meter);
        assertThat(after.getString("meters[0].meterId")).isEqualTo(meter);
    }

    @Test
    void everyMeEndpointAnswers404ForAnotherResidentsInvoice() {
        Billing.tariff("WATER", "2020-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "12.5", "MEASURED");
        String owner = Billing.account("NONE", null, false, meter);
        String other = Billing.account("NONE", null, false);
        JsonPath run = Billing.billRun("2020-05", List.of(owner));
        String id = Billing.runInvoices(run.getString("id")).get(owner);
        assertThat(id).isNotNull();

        given().auth().oauth2(resident(owner)).when().get("/me/invoices/" + id).then().statusCode(200)
                .body("totalTiyn", equalTo(125_000));
        for (String path : List.of("/me/invoices/" + id, "/me/invoices/" + id + "/explanation")) {
            given().auth().oauth2(resident(other)).when().get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(resident(other)).contentType("application/json").body("{\"reason\":\"not mine\"}")
                .when().post("/me/invoices/" + id + "/disputes").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(given().auth().oauth2(resident(other)).when().get("/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        given().auth().oauth2(resident(other)).when().get("/me/invoices/not-a-uuid").then().statusCode(404);
        // staff endpoints are not for residents
        given().auth().oauth2(resident(owner)).when().get("/invoices/" + id).then().statusCode(403);
        given().auth().oauth2(TestStack.token(Roles.RESIDENT, owner)).when().get("/ledger/check").then()
                .statusCode(403);
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void aRunInterruptedByARestartIsRetriedOverItsWholeScope() {
        Billing.tariff("WATER", "2008-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "2", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        java.util.UUID id = java.util.UUID.randomUUID();
        // what a replica that stopped mid-run leaves behind once it has started again
        pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at, runner,"
                        + " error) values ($1, '2008-03', $2, 'op', 'FAILED', now(), 'test', 'interrupted')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, new String[] {account}))
                .await().atMost(java.time.Duration.ofSeconds(10));
        given().auth().oauth2(operator()).when().post("/bill-runs/" + id + "/retry").then().statusCode(202);
        JsonPath run = Billing.awaitRun(id.toString());
        assertThat(run.getLong("outcomes.INVOICED")).isEqualTo(1);
        assertThat(Billing.runInvoices(id.toString())).containsKey(account);
        given().auth().oauth2(operator()).when().post("/bill-runs/" + id + "/retry").then().statusCode(202);
        assertThat(Billing.awaitRun(id.toString()).getLong("outcomes.INVOICED")).isEqualTo(1);
    }

    @Test
    void aStartedOrRetriedRunIsVisibleToTheNextRequestAsSoonAsThePostReturns() {
        Billing.tariff("WATER", "2007-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "3", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);

        String id = given().auth().oauth2(operator()).contentType("application/json")
                .body("{\"period\":\"2007-04\",\"accounts\":[\"" + account + "\"]}")
                .when().post("/bill-runs").then().statusCode(202).extract().path("id");
        // the very next request (no waiting) finds the run as recorded
        JsonPath seen = given().auth().oauth2(operator()).when().get("/bill-runs/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(seen.getString("period")).isEqualTo("2007-04");
        assertThat(seen.getString("requestedBy")).isEqualTo("op-aliya");
        assertThat(seen.getInt("accountsRequested")).isEqualTo(1);
        assertThat(seen.getString("status")).isIn("RUNNING", "COMPLETED");
        assertThat(Billing.awaitRun(id).getLong("outcomes.INVOICED")).isEqualTo(1);

        // a FAILED run retried: once the POST returns, it is no longer FAILED for anyone, and the work that was
        // launched after the commit completes it
        java.util.UUID failed = java.util.UUID.randomUUID();
        String second = Billing.unique("W");
        FakeMetering.set(second, "WATER", "4", "MEASURED");
        String other = Billing.account("NONE", null, false, second);
        pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at, runner,"
                        + " error) values ($1, '2007-05', $2, 'op', 'FAILED', now(), 'test', 'interrupted')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(failed, new String[] {other}))
                .await().atMost(java.time.Duration.ofSeconds(10));
        given().auth().oauth2(operator()).when().post("/bill-runs/" + failed + "/retry").then().statusCode(202);
        JsonPath reopened = given().auth().oauth2(operator()).when().get("/bill-runs/" + failed).then()
                .statusCode(200).extract().jsonPath();
        assertThat(reopened.getString("status")).isIn("RUNNING", "COMPLETED");
        assertThat(reopened.getString("error")).isNull();
        assertThat(Billing.awaitRun(failed.toString()).getLong("outcomes.INVOICED")).isEqualTo(1);
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "aqkol.instance")
    String instance;

    @Test
    void aRetriedRunIsCarriedByTheReplicaThatRetriedIt() {
        Billing.tariff("WATER", "2006-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "5", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        java.util.UUID id = java.util.UUID.randomUUID();
        // a run another replica completed, with one account left pending
        pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at, finished_at,"
                        + " runner) values ($1, '2006-02', $2, 'op', 'COMPLETED', now(), now(), 'other-replica')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, new String[] {account}))
                .chain(() -> pool.preparedQuery("insert into bill_run_item (run_id, account_number, status, detail,"
                                + " updated_at) values ($1, $2, 'PENDING', 'consumption unavailable', now())")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, account)))
                .await().atMost(java.time.Duration.ofSeconds(10));
        given().auth().oauth2(operator()).when().post("/bill-runs/" + id + "/retry").then().statusCode(202);
        assertThat(Billing.awaitRun(id.toString()).getLong("outcomes.INVOICED")).isEqualTo(1);
        // this replica holds the run's lease now: were it to stop, another would take the run over
        String runner = pool.preparedQuery("select runner from bill_run where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(java.time.Duration.ofSeconds(10))
                .iterator().next().getString("runner");
        assertThat(runner).isEqualTo(instance);
    }

    @Inject
    BillRunCarrier carrier;

    @Test
    void aRunWhoseReplicaStoppedIsTakenOverOnceByConcurrentPassesAndCompletedInvoicingEachAccountOnce() {
        Billing.tariff("WATER", "2005-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        List<String> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String meter = Billing.unique("W");
            FakeMetering.set(meter, "WATER", String.valueOf(i + 1), "MEASURED");
            accounts.add(Billing.account("NONE", null, false, meter));
        }
        // the stopped replica had invoiced the first account before it went
        JsonPath before = Billing.billRun("2005-03", accounts.subList(0, 1));
        assertThat(before.getLong("outcomes.INVOICED")).isEqualTo(1);
        java.util.UUID id = java.util.UUID.randomUUID();
        // what it left: RUNNING under its name, the lease it stopped renewing ended a second ago
        pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at, runner,"
                        + " lease_token, lease_until) values ($1, '2005-03', $2, 'op', 'RUNNING', now(),"
                        + " 'stopped-replica', gen_random_uuid(), now() - interval '1 second')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, accounts.toArray(String[]::new)))
                .await().atMost(java.time.Duration.ofSeconds(10));
        double takeovers = Billing.metric(TAKEOVERS, "");

        // two replicas' passes at once
        List<java.util.UUID> taken = io.smallrye.mutiny.Uni.combine().all()
                .unis(carrier.takeOver(), carrier.takeOver())
                .with((a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList())
                .await().atMost(java.time.Duration.ofSeconds(10));

        assertThat(taken).containsOnlyOnce(id);
        JsonPath run = Billing.awaitRun(id.toString());
        assertThat(run.getString("runner")).isEqualTo(instance);
        assertThat(run.getInt("takeovers")).isEqualTo(1);
        assertThat(run.getString("leaseUntil")).isNull();
        assertThat(run.getLong("outcomes.INVOICED")).isEqualTo(2);
        assertThat(run.getLong("outcomes.ALREADY_INVOICED")).isEqualTo(1);
        assertThat(Billing.runInvoices(id.toString())).containsOnlyKeys(accounts)
                .containsEntry(accounts.get(0), Billing.runInvoices(before.getString("id")).get(accounts.get(0)));
        long invoices = pool.preparedQuery("select count(*) as n from invoice where bill_key = any($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(accounts.stream().map(a -> a + "|2005-03")
                        .toArray(String[]::new)))
                .await().atMost(java.time.Duration.ofSeconds(10)).iterator().next().getLong("n");
        assertThat(invoices).as("one invoice per account").isEqualTo(3);
        Billing.awaitMetricAtLeast(TAKEOVERS, "", takeovers + 1);
        // nothing is left to take over
        assertThat(carrier.takeOver().await().atMost(java.time.Duration.ofSeconds(10))).doesNotContain(id);
    }

    @Test
    void aCarrierThatNoLongerHoldsTheRunsLeaseDoesNotRecordItsEnd() {
        Billing.tariff("WATER", "2004-01-01", 0, "[{\"priceTiyn\":10000}]", "{}");
        String meter = Billing.unique("W");
        FakeMetering.set(meter, "WATER", "7", "MEASURED");
        String account = Billing.account("NONE", null, false, meter);
        java.util.UUID id = java.util.UUID.randomUUID();
        java.util.UUID stolen = java.util.UUID.randomUUID();
        // another replica holds the lease of a run this one carried: the carrier must not record the run's end
        pool.preparedQuery("insert into bill_run (id, period, accounts, requested_by, status, started_at, runner,"
                        + " lease_token, lease_until) values ($1, '2004-02', $2, 'op', 'RUNNING', now(),"
                        + " 'other-replica', $3, now() + interval '1 hour')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, new String[] {account}, stolen))
                .await().atMost(java.time.Duration.ofSeconds(10));
        carrier.carry(id, java.util.UUID.randomUUID(), new BillRunCarrier.Scope(java.time.YearMonth.of(2004, 2),
                List.of(account)));
        // the steps ran (the account is invoiced, by bill_key once), but the run is still the other replica's
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                Billing.runInvoices(id.toString()).containsKey(account));
        JsonPath run = given().auth().oauth2(operator()).when().get("/bill-runs/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("RUNNING");
        assertThat(run.getString("runner")).isEqualTo("other-replica");
    }

    @Test
    void aBillRunOfAPeriodNotYetEndedOrMalformedIsRefused() {
        given().auth().oauth2(operator()).contentType("application/json").body("{\"period\":\"2999-01\"}")
                .when().post("/bill-runs").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(operator()).contentType("application/json").body("{\"period\":\"2021-13\"}")
                .when().post("/bill-runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("period"));
        given().auth().oauth2(operator()).when().get("/bill-runs/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
