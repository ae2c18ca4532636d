package kz.aqkol.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
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
 * The public pages, signed out, in a real browser through the launched stack: each in Kazakh, Russian and English
 * (from the browser's language, and by the switch), accessible as axe-core judges it, usable at 360 px, and light.
 */
class PublicPortalIT {

    private static final List<String> PAGES = List.of("/", "/tariffs", "/transparency");
    /** Each page's heading in each language: the page really is in that language, not just marked so. */
    private static final Map<String, Map<String, String>> HEADINGS = Map.of(
            "kk", Map.of("/", "Ақкөл ауылы", "/tariffs", "Тарифтер", "/transparency", "Камералар және жеке өмір"),
            "ru", Map.of("/", "Село Акколь", "/tariffs", "Тарифы", "/transparency", "Камеры и приватность"),
            "en", Map.of("/", "Aqkol village", "/tariffs", "Tariffs", "/transparency", "Cameras and privacy"));

    @BeforeAll
    static void browser() {
        Browser.assumeAvailable();
        Village.stack();
    }

    @Test
    void everyPublicPageInEveryLanguageIsAccessibleAndSignedOut() {
        for (String language : List.of("kk", "ru", "en")) {
            try (Browser browser = Browser.desktop(language)) {
                for (String path : PAGES) {
                    browser.open(Portal.page(path));
                    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang"))
                            .isEqualTo(language);
                    assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                            .isEqualTo(HEADINGS.get(language).get(path));
                    assertThat(browser.driver().findElements(By.cssSelector("a[href='/sign-in']"))).isNotEmpty();
                    browser.assertAccessible();
                    browser.screenshot("public" + (path.equals("/") ? "-home" : path.replace('/', '-')) + "-"
                            + language);
                }
            }
        }
    }

    /**
     * Five households of a zone of its own, each with a water meter read at the start and at the end of last month:
     * metering publishes the zone's month (and nothing of a household), and the home page shows it, with how much of
     * it is not measured (a month between two readings is too long a gap to estimate across: all of it doubtful).
     */
    @Test
    void aZoneOfFiveHouseholdsShowsItsMonthOnTheHomePage() {
        String zone = Village.unique("street").toLowerCase();
        YearMonth last = Village.lastMonth();
        Instant start = Village.startOf(last);
        Instant end = Village.startOf(last.plusMonths(1));
        try (MqttTestClient device = Village.mqtt("zone-meters")) {
            for (int household = 0; household < 5; household++) {
                String meter = Village.unique("W");
                Village.as(Village.operator(), Service.METERING).body("""
                                {"id":"%s","utility":"WATER","unit":"M3","registerDigits":6,"hasValve":false,
                                 "zone":"%s","accountNumber":"%s","installedAt":"%s"}"""
                                .formatted(meter, zone, Village.unique("AQ"), start.minus(Duration.ofDays(1))))
                        .when().post("/meters").then().statusCode(201);
                Village.reading(device, meter, start, "100");
                Village.reading(device, meter, end, "101.5");
            }
        }
        String id = "urn:ngsi-ld:KeyPerformanceIndicator:" + zone + ":water-m3:" + last;
        await("metering publishes the zone's month").atMost(Duration.ofSeconds(60)).until(() -> given()
                .baseUri(Village.url(Service.METERING)).when().get("/ngsi-ld/v1/entities/" + id).statusCode() == 200);

        try (Browser browser = Browser.desktop("en")) {
            String[] seen = {""};
            try {
                await("the home page shows the zone's month").atMost(Duration.ofSeconds(60)).pollInterval(
                        Duration.ofSeconds(2)).until(() -> {
                    browser.open(Portal.page("/"));
                    seen[0] = browser.driver().findElement(By.cssSelector("section[aria-labelledby=consumption]"))
                            .getAttribute("outerHTML");
                    return browser.driver().findElements(By.xpath("//table[@class='zone-consumption']//tr[th='"
                            + zone + "']")).size() == 1;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no row for " + zone + " in " + seen[0], e);
            }
            List<String> cells = browser.driver().findElements(By.xpath("//table[@class='zone-consumption']//tr[th='"
                    + zone + "']/*")).stream().map(cell -> cell.getText()).toList();
            assertThat(cells).containsExactly(PublicMonth.inEnglish(last), zone, "Water", "7.5 m³", "100 %");
            browser.assertAccessible();
        }
    }

    /** How the pages name a month in English, e.g. "November 2026". */
    private static final class PublicMonth {
        static String inEnglish(YearMonth month) {
            return month.getMonth().getDisplayName(java.time.format.TextStyle.FULL_STANDALONE,
                    java.util.Locale.ENGLISH) + " " + month.getYear();
        }
    }

    @Test
    void theLanguageSwitchIsRememberedAcrossPages() {
        try (Browser browser = Browser.desktop("en")) {
            browser.open(Portal.page("/tariffs"));
            Portal.switchTo(browser, "kk");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/tariffs");
            browser.open(Portal.page("/"));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Ақкөл ауылы");
        }
    }

    @Test
    void onAPhoneTheHomePageFitsAndIsLight() {
        try (Browser browser = Browser.phone("ru")) {
            browser.open(Portal.page("/"));
            Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("horizontal scrolling at 360 px").isLessThanOrEqualTo(0L);
            browser.assertAccessible();
            browser.screenshot("public-home-ru-phone");
            browser.open(Portal.page("/")); // the second visit, with the style sheet cached, as a villager's is
            PageWeight weight = browser.pageWeight();
            System.out.println("public home page on a phone: " + weight);
            assertThat(weight.transferredBytes()).isLessThan(200 * 1024);
            assertThat(weight.load()).isLessThan(Duration.ofSeconds(1));
        }
    }
}
