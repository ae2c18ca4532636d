package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import kz.aqkol.devstack.test.browser.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A session in the portal: signing in leads to one's own pages, signing out ends it at the portal and the provider. */
class SessionPortalIT {

    @BeforeAll
    static void browser() {
        Browser.assumeAvailable();
        Village.stack();
    }

    @Test
    void signingOutEndsTheSession() {
        try (Browser browser = Browser.desktop("en")) {
            Portal.signIn(browser, "resident", "AQ-SESSION");
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(Portal.page("/me"));
            assertThat(browser.driver().findElement(By.cssSelector("header .who")).getText()).isEqualTo("AQ-SESSION");

            browser.driver().findElement(By.cssSelector("a[href='/sign-out']")).click();
            browser.waitFor(By.cssSelector("a[href='/sign-in']"));
            assertThat(browser.driver().getCurrentUrl()).startsWith(Portal.page("/"));
            assertThat(browser.driver().findElements(By.cssSelector("header .who"))).isEmpty();

            // the resident's pages now ask for a sign-in again: the provider's page, not the old session
            browser.open(Portal.page("/me"));
            browser.waitFor(By.id("subject"));
            assertThat(browser.driver().getCurrentUrl()).doesNotStartWith(Village.portal());
        }
    }

    @Test
    void staffLandOnTheConsoleAndAreNotResidents() {
        try (Browser browser = Browser.desktop("en")) {
            Portal.signIn(browser, "dispatcher", "dispatcher-session");
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(Portal.page("/console"));
            browser.open(Portal.page("/me"));
            assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                    .isEqualTo("This page is not for your role.");
        }
    }
}
