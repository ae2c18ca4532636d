package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
