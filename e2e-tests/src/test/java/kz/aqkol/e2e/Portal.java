package kz.aqkol.e2e;

import kz.aqkol.devstack.test.browser.Browser;
import org.openqa.selenium.By;

/**
 * The portal as a person reaches it in a browser: its pages by path, and signing in the way a person does locally,
 * through the development sign-in page of the stack's OpenID Connect provider (authorization code with PKCE, the same
 * flow the cluster's Keycloak serves).
 */
final class Portal {

    private Portal() {
    }

    static String page(String path) {
        return Village.portal() + path;
    }

    /** Signs in as {@code role} with {@code subject} (a resident's account number), landing on their own pages. */
    static void signIn(Browser browser, String role, String subject) {
        browser.open(page("/sign-in"));
        browser.waitFor(By.id("subject"));
        browser.driver().findElement(By.id("role-" + role)).click();
        browser.driver().findElement(By.id("subject")).sendKeys(subject);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor(By.cssSelector("header .who"));
    }

    /** Chooses the page's language with the switch in its header, as a person would. */
    static void switchTo(Browser browser, String code) {
        browser.driver().findElement(By.cssSelector("nav.languages a[lang=" + code + "]")).click();
        browser.waitFor(By.cssSelector("html[lang=" + code + "]"));
    }
}
