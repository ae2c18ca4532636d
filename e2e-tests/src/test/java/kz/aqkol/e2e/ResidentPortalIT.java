package kz.aqkol.e2e;

import static kz.aqkol.e2e.Village.as;
import static kz.aqkol.e2e.Village.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.test.browser.Browser;
import kz.aqkol.devstack.test.browser.PageWeight;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A resident's own pages in a real browser through the launched stack: signing in at the development sign-in page,
 * reading how an invoice was computed, disputing it, paying it at the payment sandbox's checkout page and coming
 * back to the new balance; every page in Kazakh, Russian and English, accessible as axe-core judges it; the home
 * page light and quick; and another account's invoice out of reach.
 */
class ResidentPortalIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static String account;
    private static String meter;
    private static String invoice;
    private static String othersInvoice;

    /**
     * A household with a gas meter billed for the month before last (40 m³ at 30 KZT: 1 200 ₸) and leaking now; an
     * operator who read its invoices for a complaint; and a neighbour with an invoice of their own.
     */
    @BeforeAll
    static void household() throws InterruptedException {
        Browser.assumeAvailable();
        Village.stack();
        YearMonth billed = Village.lastMonth().minusMonths(1);
        account = Village.unique("AQ");
        meter = Village.unique("G");
        Village.meter(meter, "GAS", account, Village.startOf(billed).minus(Duration.ofDays(1)));
        Village.account(account, meter);
        String neighbour = Village.unique("AQ");
        String neighboursMeter = Village.unique("G");
        Village.meter(neighboursMeter, "GAS", neighbour, Village.startOf(billed).minus(Duration.ofDays(1)));
        Village.account(neighbour, neighboursMeter);
        try (MqttTestClient device = Village.mqtt("resident-meter");
             MqttTestClient other = Village.mqtt("neighbour-meter")) {
            Village.reading(device, meter, Village.startOf(billed), "5");
            Village.reading(device, meter, Village.startOf(billed.plusMonths(1)), "45");
            Village.reading(other, neighboursMeter, Village.startOf(billed), "1");
            Village.reading(other, neighboursMeter, Village.startOf(billed.plusMonths(1)), "11");
            // a dripping tap over the last day: never an hour without flow
            Instant start = Instant.now().minus(Duration.ofHours(26));
            BigDecimal register = new BigDecimal("50");
            for (int hour = 0; hour <= 25; hour++) {
                Village.reading(device, meter, start.plus(Duration.ofHours(hour)), register.toPlainString());
                register = register.add(new BigDecimal("0.04"));
            }
        }
        Village.awaitReadings(meter, 29);
        Village.awaitReadings(neighboursMeter, 3);
        assertThat(Village.billRun(billed, account, neighbour).getMap("outcomes")).containsEntry("INVOICED", 2);
        Map<String, Object> mine = Village.invoices(account).get(0);
        assertThat(mine).containsEntry("openTiyn", 120_000);
        invoice = (String) mine.get("id");
        othersInvoice = (String) Village.invoices(neighbour).get(0).get("id");
        await("alert-service holds the leak on the resident's meter").atMost(PATIENCE)
                .until(() -> Village.alertsAbout("meter:" + meter).stream()
                        .anyMatch(alert -> "LEAK".equals(alert.get("type"))));
        as(operator(), Service.BILLING).header("X-Purpose", "COMPLAINT; e2e ticket 7").when()
                .get("/accounts/" + account + "/invoices").then().statusCode(200);
    }

    @Test
    void aResidentReadsHowTheInvoiceWasComputedDisputesItPaysItAndSeesTheNewBalance() {
        try (Browser browser = Browser.desktop("en")) {
            Portal.signIn(browser, "resident", account);
            assertThat(browser.driver().getCurrentUrl()).endsWith("/me");
            browser.waitForText("₸1,200.00").waitForText("possible leak");

            browser.driver().findElement(By.cssSelector("a[href='/me/invoices/" + invoice + "']")).click();
            browser.waitForText("How this invoice was computed");
            String page = text(browser);
            assertThat(page).contains("Register readings of meter " + meter).contains("Used: 40 M3")
                    .contains("Tariff version").contains("Invoice total: ₸1,200.00");

            dispute(browser, "The meter was read twice in March.");
            browser.waitForText("Your dispute was sent.");
            dispute(browser, "And once more.");
            browser.waitForText("You already have an open dispute about this invoice.");
            browser.screenshot("resident-dispute-already-open-en");

            browser.open(Portal.page("/me/pay?invoice=" + invoice));
            assertThat(browser.driver().findElement(By.id("what-" + invoice)).isSelected()).isTrue();
            browser.driver().findElement(By.cssSelector("form[action='/me/pay'] button[type=submit]")).click();
            // the payment provider's own page: what it pays and how much
            browser.waitForText("Pay 1 200.00 ₸").waitForText(account);
            browser.assertAccessible();
            browser.screenshot("sandbox-checkout");
            browser.driver().findElement(By.xpath("//button[starts-with(normalize-space(.), 'Confirm')]")).click();

            browser.waitForText("The payment provider confirmed the payment");
            assertThat(browser.driver().getCurrentUrl()).contains("/me/payments/");
            page = text(browser);
            assertThat(page).contains("Paid").contains("Owed: ₸0.00").contains("To invoices");
            assertThat(browser.driver().findElements(By.cssSelector("[data-refresh-after]")))
                    .as("no more refreshing once the provider answered").isEmpty();
            browser.screenshot("resident-payment-confirmed-en");

            browser.open(Portal.page("/me"));
            browser.waitForText("Nothing is owed.");
        }
    }

    @Test
    void everyResidentPageInEveryLanguageIsAccessible() {
        String intent = as(Village.resident(account), Service.BILLING).header("Idempotency-Key", Village.unique("e2e"))
                .body("{\"amountTiyn\":50000,\"toWallet\":true}").when().post("/me/payments").then()
                .statusCode(201).extract().path("id");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/me");
        pages.put("invoices", "/me/invoices");
        pages.put("invoice", "/me/invoices/" + invoice);
        pages.put("meter", "/me/meters/" + meter);
        pages.put("pay", "/me/pay");
        pages.put("payment", "/me/payments/" + intent);
        pages.put("auto-pay", "/me/auto-pay");
        pages.put("alerts", "/me/alerts");
        pages.put("access-log", "/me/access-log");
        Map<String, String> home = Map.of("kk", "Менің дербес шотым", "ru", "Мой лицевой счёт", "en", "My account");
        Map<String, String> complaint = Map.of("kk", "ауыл әкімдігі", "ru", "администрация села",
                "en", "village office");
        for (String language : List.of("kk", "ru", "en")) {
            // the browser's own language, then the switch from another one
            try (Browser browser = Browser.desktop(language)) {
                Portal.signIn(browser, "resident", account);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    browser.open(Portal.page(page.getValue()));
                    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang"))
                            .as(page.getKey()).isEqualTo(language);
                    assertThat(browser.driver().findElements(By.tagName("h1"))).as(page.getKey()).hasSize(1);
                    if (page.getKey().equals("payment")) {
                        // waiting for the provider, the page looks again every 5 s and offers to stop (WCAG 2.2.1)
                        assertThat(browser.driver().findElements(By.cssSelector("[data-refresh-after]")))
                                .isNotEmpty();
                        browser.assertAccessible();
                        browser.driver().findElement(By.cssSelector("a[href$='?refresh=off']")).click();
                        browser.waitFor(By.cssSelector("a[href$='?refresh=off']"));
                        assertThat(browser.driver().findElements(By.cssSelector("[data-refresh-after]"))).isEmpty();
                    }
                    browser.assertAccessible();
                    browser.screenshot("resident-" + page.getKey() + "-" + language);
                }
                browser.open(Portal.page("/me"));
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(home.get(language));
                browser.open(Portal.page("/me/access-log"));
                // the purpose as billing records it
                assertThat(text(browser)).contains("COMPLAINT: e2e ticket 7").contains(complaint.get(language));
                browser.open(Portal.page("/me/meters/" + meter));
                assertThat(browser.driver().findElements(By.cssSelector("svg.chart rect.bar"))).hasSize(30);
            }
            String other = language.equals("en") ? "kk" : "en";
            try (Browser browser = Browser.desktop(other)) {
                Portal.signIn(browser, "resident", account);
                browser.open(Portal.page("/me"));
                Portal.switchTo(browser, language);
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(home.get(language));
                browser.open(Portal.page("/me/invoices"));
                assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            }
        }
    }

    @Test
    void automaticPaymentIsTurnedOnAndOff() {
        try (Browser browser = Browser.desktop("ru")) {
            Portal.signIn(browser, "resident", account);
            browser.open(Portal.page("/me/auto-pay"));
            browser.driver().findElement(By.id("auto-on")).click();
            browser.driver().findElement(By.cssSelector("form[action='/me/auto-pay'] button")).click();
            browser.waitForText("Автоплатёж включён.");
            assertThat(autoPay()).isTrue();
            browser.driver().findElement(By.id("auto-off")).click();
            browser.driver().findElement(By.cssSelector("form[action='/me/auto-pay'] button")).click();
            browser.waitForText("Автоплатёж выключен.");
            assertThat(autoPay()).isFalse();
        }
    }

    @Test
    void theHomePageIsLightAndQuick() {
        try (Browser browser = Browser.desktop("kk")) {
            Portal.signIn(browser, "resident", account);
            browser.open(Portal.page("/me"));
            browser.open(Portal.page("/me")); // the second visit, with the style sheet cached, as a villager's is
            PageWeight weight = browser.pageWeight();
            System.out.println("resident home page: " + weight.transferredBytes() + " bytes, DOMContentLoaded "
                    + weight.domContentLoaded().toMillis() + " ms, load " + weight.load().toMillis() + " ms");
            assertThat(weight.transferredBytes()).isLessThan(200 * 1024);
            assertThat(weight.load()).isLessThan(Duration.ofSeconds(1));
        }
        try (Browser browser = Browser.phone("kk")) {
            Portal.signIn(browser, "resident", account);
            browser.open(Portal.page("/me/invoices/" + invoice));
            Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("horizontal scrolling at 360 px").isLessThanOrEqualTo(0L);
            browser.screenshot("resident-invoice-kk-phone");
        }
    }

    @Test
    void anotherAccountsInvoiceIsNotFound() {
        try (Browser browser = Browser.desktop("en")) {
            Portal.signIn(browser, "resident", account);
            browser.open(Portal.page("/me/invoices/" + othersInvoice));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("There is no such page.");
            assertThat(text(browser)).doesNotContain("How this invoice was computed").doesNotContain("₸300.00");
            browser.open(Portal.page("/me/pay?invoice=" + othersInvoice));
            assertThat(browser.driver().findElements(By.id("what-" + othersInvoice))).isEmpty();
        }
    }

    private static void dispute(Browser browser, String reason) {
        browser.driver().findElement(By.id("reason")).sendKeys(reason);
        browser.driver().findElement(By.cssSelector("form[action$='/disputes'] button[type=submit]")).click();
    }

    private static String text(Browser browser) {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private static boolean autoPay() {
        return as(Village.resident(account), Service.BILLING).when().get("/me/account").then().statusCode(200)
                .extract().path("autoPay");
    }
}
