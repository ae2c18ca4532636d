package kz.aqkol.e2e.portal;

import static kz.aqkol.e2e.Village.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.test.browser.Browser;
import kz.aqkol.e2e.Portal;
import kz.aqkol.e2e.Village;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The staff console in a real browser against the launched village: staff sign in through the development sign-in
 * page as they would through Keycloak, and everything they see and do goes through the services with their own token.
 */
class ConsolePortalIT {

    private static final Duration SLOW = Duration.ofSeconds(120);

    @BeforeAll
    static void village() {
        Browser.assumeAvailable();
        Village.stack();
    }

    @Test
    void aLeakAppearsOnTheOpenAlertDeskWithoutReloadingAndTheDispatcherTakesItOn() throws Exception {
        String dispatcher = Village.unique("disp").toLowerCase();
        try (Browser browser = signIn("en", "dispatcher", dispatcher, "/console/alerts")) {
            WebDriver page = browser.driver();
            WebElement live = browser.waitFor(By.id("live-status"));
            String liveText = live.getDomAttribute("data-live");
            await("the page listens to the relayed stream").atMost(SLOW)
                    .until(() -> page.findElement(By.id("live-status")).getText().startsWith(liveText));
            ((JavascriptExecutor) page).executeScript("window.sameDocument = 'kept';");

            String meter = Village.unique("W");
            Village.dayOfFlow(meter, Village.unique("AQ"));

            By row = By.xpath("//tbody[@id='alert-rows']/tr[contains(., '" + meter + "') and contains(., 'Leak')]");
            await("the leak appears in the open list without a reload").atMost(SLOW)
                    .until(() -> !page.findElements(row).isEmpty());
            assertThat(((JavascriptExecutor) page).executeScript("return window.sameDocument;"))
                    .as("the same document: rows came from the relay, not a reload").isEqualTo("kept");
            browser.screenshot("console-alerts-leak-live-en");

            page.findElement(row).findElement(By.xpath(".//form[contains(@action,'/acknowledge')]//button")).click();
            await("back on the list, the leak taken on in the dispatcher's name").atMost(SLOW)
                    .until(() -> page.findElements(row).stream()
                            .anyMatch(r -> r.getText().contains("taken on by " + dispatcher)));
            assertThat(page.getCurrentUrl()).contains("/console/alerts?show=unresolved");
            browser.assertAccessible().screenshot("console-alerts-acknowledged-en");

            Map<String, Object> leak = Village.alertsAbout("meter:" + meter).stream()
                    .filter(alert -> "LEAK".equals(alert.get("type"))).findFirst().orElseThrow();
            assertThat(leak).containsEntry("status", "ACKNOWLEDGED").containsEntry("acknowledgedBy", dispatcher);
            // alert-service recorded what its stream sent to the dispatcher's relay: the leak is a household's
            await("the relayed leak in alert-service's audit chain").atMost(SLOW)
                    .until(() -> streamedTo(dispatcher).contains(leak.get("id")));
        }

        // the browser is gone: the relay must be too, so a new alert about a household reaches nobody in their name
        String later = raiseAboutAHousehold();
        await("no relay left streaming to " + dispatcher).during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(20)).until(() -> !streamedTo(dispatcher).contains(later));
    }

    /** The alerts alert-service's live stream sent to this person, as its audit chain records them. */
    private static List<Object> streamedTo(String person) {
        return as(Village.token(Village.unique("aud").toLowerCase(), "auditor"), Service.ALERT)
                .queryParam("actor", person).queryParam("objectType", "alert-stream").queryParam("limit", 500)
                .when().get("/audit").then().statusCode(200).extract().jsonPath().getList("items.objectId");
    }

    /** An alert an operator raises by hand about a household's account; its id in alert-service. */
    private static String raiseAboutAHousehold() {
        String id = java.util.UUID.randomUUID().toString();
        List<String> ids = as(Village.operator(), Service.ALERT).body("""
                        {"id":"%s","occurredAt":"%s","source":"person.e2e-operator","type":"GAS_SMELL",
                         "severity":"MAJOR","subject":"household:%s","summary":"smell of gas reported",
                         "labels":{"account":"%s"},"resolved":false}""".formatted(id, Instant.now(),
                        Village.unique("h"), Village.unique("AQ")))
                .when().post("/alerts").then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    @Test
    void anAuditorApprovesAnothersExportAndIsRefusedTheirOwnPlainly() {
        String camera = camera();
        String dispatcher = Village.unique("disp").toLowerCase();
        String auditor = Village.unique("aud").toLowerCase();
        String others = export(Village.token(dispatcher, "dispatcher"), camera);
        // the same person holding the dispatcher role too asks for an export of their own
        String own = export(Village.token(auditor, "dispatcher"), camera);

        try (Browser browser = signIn("en", "auditor", auditor, "/console/audit")) {
            WebDriver page = browser.driver();
            browser.waitFor(By.id("export-" + own)).findElement(By.xpath(".//form[contains(@action,'/approve')]"
                    + "//button[not(@formaction)]")).click();
            WebElement refusal = browser.waitFor(By.id("refusal"));
            assertThat(refusal.getText()).contains("this request is your own")
                    .contains("nobody approves their own export");
            browser.assertAccessible().screenshot("console-audit-own-export-refused-en");
            assertThat(exportStatus(auditor, own)).isEqualTo("PENDING");

            page.findElement(By.id("export-" + others)).findElement(By.xpath(
                    ".//form[contains(@action,'/approve')]//button[not(@formaction)]")).click();
            await("the approved export leaves the waiting list").atMost(SLOW)
                    .until(() -> page.getCurrentUrl().endsWith("/console/audit")
                            && page.findElements(By.id("export-" + others)).isEmpty());
            assertThat(page.findElements(By.id("refusal"))).isEmpty();
            Map<String, Object> approved = as(Village.token(auditor, "auditor"), Service.CAMERA)
                    .when().get("/exports/" + others).then().statusCode(200).extract().jsonPath().getMap("$");
            assertThat(approved).containsEntry("status", "APPROVED").containsEntry("decidedBy", auditor);
            browser.screenshot("console-audit-approved-en");
        }
    }

    @Test
    void anAdjustmentOneOperatorProposesMovesMoneyOnlyWhenAnotherApprovesIt() {
        String account = Village.unique("AQ-ADJ");
        Village.account(account);
        String aliya = Village.unique("op-aliya").toLowerCase();
        String bolat = Village.unique("op-bolat").toLowerCase();
        String reason = "goodwill: gas off for two days, " + account;

        String id;
        try (Browser browser = signIn("en", "operator", aliya, "/console/adjustments")) {
            WebDriver page = browser.driver();
            page.findElement(By.id("account")).sendKeys(account);
            page.findElement(By.id("amount")).sendKeys("-5");
            page.findElement(By.id("reason")).sendKeys(reason);
            page.findElement(By.cssSelector("form[action='/console/adjustments'] button[type=submit]")).click();
            assertThat(browser.waitFor(By.id("refusal")).getText()).contains("Give the amount in tenge");
            assertThat(page.findElement(By.id("amount")).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.findElement(By.id("reason")).getDomProperty("value")).as("what was typed is kept")
                    .isEqualTo(reason);

            page.findElement(By.id("amount")).clear();
            page.findElement(By.id("amount")).sendKeys("150,50");
            page.findElement(By.cssSelector("form[action='/console/adjustments'] button[type=submit]")).click();
            assertThat(browser.waitFor(By.id("done")).getText()).contains("Nothing is posted");
            id = adjustment(aliya, account).get("id").toString();
            WebElement row = page.findElement(By.id("adjustment-" + id));
            assertThat(row.getText()).contains("150.50").contains(reason).contains("(yours)");
            browser.assertAccessible().screenshot("console-adjustments-proposed-en");

            // her own: billing refuses, and nothing moves
            row.findElement(By.xpath(".//form[contains(@action,'/approve')]//button[not(@formaction)]")).click();
            assertThat(browser.waitFor(By.id("refusal")).getText()).contains("your own proposal")
                    .contains("four eyes");
            assertThat(adjustment(aliya, account)).containsEntry("status", "PROPOSED");
            assertThat(creditNotes(account)).isEmpty();
            browser.assertAccessible().screenshot("console-adjustments-own-refused-en");
        }

        try (Browser browser = signIn("en", "operator", bolat, "/console/adjustments")) {
            WebDriver page = browser.driver();
            page.findElement(By.id("adjustment-" + id))
                    .findElement(By.xpath(".//form[contains(@action,'/approve')]//button[not(@formaction)]")).click();
            assertThat(browser.waitFor(By.id("done")).getText()).contains("the ledger posted");
            WebElement decided = page.findElement(By.cssSelector("#decided ~ .table-wrap #adjustment-" + id));
            assertThat(decided.getText()).contains("Approved").contains("by " + bolat);
            browser.assertAccessible().screenshot("console-adjustments-approved-en");
        }
        assertThat(adjustment(bolat, account)).containsEntry("status", "APPROVED").containsEntry("proposedBy", aliya)
                .containsEntry("decidedBy", bolat);
        List<Map<String, Object>> notes = creditNotes(account);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).containsEntry("totalTiyn", 15_050);
        assertThat((String) notes.get(0).get("note")).contains(reason);
    }

    @Test
    void anOperatorMovesAMeterToAnotherAccountAndBillingFollows() {
        String first = Village.unique("AQ-MV");
        String second = Village.unique("AQ-MV");
        String meter = Village.unique("G-MV");
        Instant installed = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
        Village.meter(meter, "GAS", first, installed);
        Village.account(first, meter);
        Village.account(second);
        Instant moved = installed.plus(Duration.ofDays(3));

        try (Browser browser = signIn("en", "operator", Village.unique("op").toLowerCase(),
                "/console/assignments?meter=" + meter)) {
            WebDriver page = browser.driver();
            assertThat(browser.waitFor(By.cssSelector("#history ~ .table-wrap tbody")).getText()).contains(first)
                    .contains("now");

            // from before the meter was installed: metering refuses in its own words, and what was typed stays
            page.findElement(By.id("account")).sendKeys(second);
            localTime(page, installed.minus(Duration.ofDays(2)));
            page.findElement(By.id("reason")).sendKeys("the household moved, E2E");
            page.findElement(By.cssSelector("#move ~ form button[type=submit]")).click();
            assertThat(browser.waitFor(By.id("refusal")).getText()).contains("Metering refused")
                    .contains("installation");
            assertThat(page.findElement(By.id("account")).getDomProperty("value")).isEqualTo(second);

            localTime(page, moved);
            page.findElement(By.cssSelector("#move ~ form button[type=submit]")).click();
            assertThat(browser.waitFor(By.id("done")).getText()).contains("billing follows it");
            List<WebElement> rows = page.findElements(By.cssSelector("#history ~ .table-wrap tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getText()).contains(first).doesNotContain("now");
            assertThat(rows.get(1).getText()).contains(second).contains("now");
            browser.assertAccessible().screenshot("console-assignments-moved-en");
        }
        List<Map<String, Object>> history = as(Village.operator(), Service.METERING).when()
                .get("/meters/" + meter + "/assignments").then().statusCode(200).extract().jsonPath()
                .getList("assignments");
        assertThat(history).extracting(h -> h.get("accountNumber")).containsExactly(first, second);
        assertThat(Instant.parse((String) history.get(1).get("from"))).isEqualTo(moved);
        Village.awaitMeters(second, meter);
        Village.awaitMeters(first);
    }

    @Test
    void everyConsolePageIsAccessibleInKazakhRussianAndEnglish() {
        camera();
        for (String language : List.of("kk", "ru", "en")) {
            try (Browser browser = signIn(language, "operator", Village.unique("op").toLowerCase(), "/console")) {
                for (String path : List.of("/console", "/console/alerts", "/console/plan", "/console/meters",
                        "/console/meters?purpose=METER_SERVICE&note=E2E-1", "/console/billing",
                        "/console/adjustments", "/console/assignments")) {
                    look(browser, language, path);
                }
                browser.open(Village.portal() + "/console/plan");
                assertThat(browser.waitFor(By.cssSelector("svg.plan .camera")).getTagName()).isEqualTo("g");
                if ("en".equals(language)) {
                    browser.open(Village.portal() + "/console/billing");
                    browser.driver().findElement(By.cssSelector("form[action='/console/billing/dunning'] button"))
                            .click();
                    assertThat(browser.waitFor(By.cssSelector(".card[role=status]")).getText())
                            .contains("The dunning pass is done");
                    browser.assertAccessible().screenshot("console-billing-dunned-en");
                }
            }
            try (Browser browser = signIn(language, "auditor", Village.unique("aud").toLowerCase(), "/console")) {
                for (String path : List.of("/console", "/console/audit", "/console/audit/chains")) {
                    look(browser, language, path);
                }
                assertThat(browser.driver().findElements(By.cssSelector("td .verdict"))).hasSize(4);
            }
            try (Browser browser = signIn(language, "dispatcher", Village.unique("disp").toLowerCase(),
                    "/console/plan")) {
                look(browser, language, "/console/plan");
            }
        }
    }

    /** Opens the page, checks its language, one h1, and axe-core's verdict, and keeps a screenshot. */
    private static void look(Browser browser, String language, String path) {
        browser.open(Village.portal() + path);
        WebDriver page = browser.driver();
        assertThat(page.findElement(By.tagName("html")).getDomAttribute("lang")).as(path).isEqualTo(language);
        assertThat(page.findElements(By.tagName("h1"))).as(path).hasSize(1);
        assertThat(page.findElements(By.cssSelector("nav.console-nav"))).as(path).hasSize(1);
        String name = path.replaceAll("[^a-z]+", "-").replaceAll("^-|-$", "");
        browser.assertAccessible().screenshot(name + "-" + browser.viewport().name().toLowerCase() + "-" + language);
    }

    /** Signs in through the development sign-in page, then opens the console page at {@code path}. */
    private static Browser signIn(String language, String role, String subject, String path) {
        Browser browser = Browser.desktop(language);
        try {
            Portal.signIn(browser, role, subject);
            assertThat(browser.driver().getCurrentUrl()).as("staff land on the console").startsWith(Portal.page("/console"));
            browser.open(Portal.page(path));
            browser.waitFor(By.cssSelector("nav.console-nav"));
            return browser;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    /** A camera with coordinates near the village. */
    private static String camera() {
        return Village.camera(51.655, 73.11);
    }

    /** An INCIDENT grant over the camera (active at once) and an export under it, pending; its id. */
    private static String export(String token, String camera) {
        Instant now = Instant.now();
        String grant = as(token, Service.CAMERA).body("""
                        {"purpose":"INCIDENT","caseRef":"E2E-CONSOLE","cameras":["%s"],"from":"%s","to":"%s",
                         "expiresAt":"%s","reason":"console story"}""".formatted(camera,
                        now.minus(Duration.ofHours(2)), now, now.plus(Duration.ofHours(4))))
                .when().post("/grants").then().statusCode(201).extract().path("id");
        return as(token, Service.CAMERA).body("{\"grant\":\"" + grant + "\"}").when().post("/exports").then()
                .statusCode(201).body("status", org.hamcrest.Matchers.equalTo("PENDING")).extract().path("id");
    }

    /** Sets the form's datetime-local field to {@code at} on the village's clock, as a date picker would. */
    private static void localTime(WebDriver page, Instant at) {
        String local = LocalDateTime.ofInstant(at, Village.ZONE).truncatedTo(ChronoUnit.MINUTES).toString();
        ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1]",
                page.findElement(By.id("from")), local);
    }

    /** The one adjustment on {@code account}, as billing-service shows it to an operator. */
    private static Map<String, Object> adjustment(String operator, String account) {
        List<Map<String, Object>> items = as(Village.token(operator, "operator"), Service.BILLING)
                .queryParam("account", account).when().get("/adjustments").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The credit notes on the resident's own list of invoices. */
    private static List<Map<String, Object>> creditNotes(String account) {
        List<Map<String, Object>> invoices = as(Village.token(account, "resident"), Service.BILLING)
                .when().get("/me/invoices").then().statusCode(200).extract().jsonPath().getList("items");
        return invoices.stream().filter(i -> "CREDIT_NOTE".equals(i.get("kind"))).toList();
    }

    private static String exportStatus(String auditor, String export) {
        return as(Village.token(auditor, "auditor"), Service.CAMERA).when().get("/exports/" + export).then()
                .statusCode(200).extract().path("status");
    }
}
