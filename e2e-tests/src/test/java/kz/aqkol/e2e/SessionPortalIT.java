package kz.aqkol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.test.browser.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

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

    /**
     * A page of another site cannot act in a signed-in resident's name: a form post without the token the portal's
     * own form carries is refused, and nothing changes at billing. (The browser would not even send the session
     * cookie with a cross-site post, SameSite=Lax; this post comes from the portal's own origin, with the cookie, so
     * only the missing token stops it.)
     */
    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() {
        String account = Village.unique("AQ-CSRF");
        String meter = Village.unique("G-CSRF");
        Village.meter(meter, "GAS", account, Instant.now().minus(Duration.ofDays(1)));
        Village.account(account, meter);
        try (Browser browser = Browser.desktop("en")) {
            Portal.signIn(browser, "resident", account);
            Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/me/auto-pay', {method: 'POST', redirect: 'manual',"
                            + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'enabled=on'})"
                            + ".then(r => done(r.status), e => done(-1));");
            assertThat(((Number) status).intValue()).as("a post without the token").isBetween(400, 403);
            assertThat(autoPay(account)).as("refused before billing was asked").isFalse();

            // the portal's own form, with its token, does what the resident asks
            browser.open(Portal.page("/me/auto-pay"));
            browser.driver().findElement(By.id("auto-on")).click();
            browser.driver().findElement(By.cssSelector("form[action='/me/auto-pay'] button")).click();
            browser.waitFor(By.cssSelector("main"));
        }
        assertThat(autoPay(account)).as("on through the portal's own form").isTrue();
    }

    private static boolean autoPay(String account) {
        return Village.as(Village.resident(account), Service.BILLING).when().get("/me/account").then()
                .statusCode(200).extract().path("autoPay");
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
