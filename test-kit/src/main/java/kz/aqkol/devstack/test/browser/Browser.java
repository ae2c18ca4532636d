package kz.aqkol.devstack.test.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.aqkol.devstack.test.InstalledTool;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: a fresh profile each time (removed on close),
 * one language that it asks pages for ({@code Accept-Language}) and shows them in, a desktop or a phone screen. It
 * opens pages, checks them with axe-core, measures what they weigh and how fast they load, and takes screenshots
 * into {@code target/screenshots/}. Closing it leaves no chromedriver or Chromium process behind.
 *
 * <p>{@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (from {@code PATH}) unless {@code AQKOL_CHROMIUM}
 * and {@code AQKOL_CHROMEDRIVER} name others. Both are given to Selenium explicitly, so it never downloads a driver
 * or a browser. A test calls {@link #assumeAvailable()} first: skipped where they are not installed, failed instead
 * when {@code AQKOL_REQUIRE_TOOLS} is set, as in CI.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern SCREENSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path home;
    private final ChromeDriverProcess chromedriver;
    private final RemoteWebDriver driver;
    private final Viewport viewport;
    private final String language;

    private Browser(Path home, ChromeDriverProcess chromedriver, RemoteWebDriver driver, Viewport viewport,
                    String language) {
        this.home = home;
        this.chromedriver = chromedriver;
        this.driver = driver;
        this.viewport = viewport;
        this.language = language;
    }

    /** Whether Chromium and chromedriver are installed (or named by their variables) to run. */
    public static boolean available() {
        return chromium().filter(Files::isExecutable).isPresent()
                && chromedriver().filter(Files::isExecutable).isPresent();
    }

    /** Skips the test where Chromium or chromedriver is missing; fails it instead under AQKOL_REQUIRE_TOOLS. */
    public static void assumeAvailable() {
        if (!available()) {
            String missing = "Chromium or chromedriver is not there to run (chromium: "
                    + chromium().map(Path::toString).orElse("none on PATH") + ", chromedriver: "
                    + chromedriver().map(Path::toString).orElse("none on PATH")
                    + "): apt-get install chromium chromium-driver (.ci/run does), or set AQKOL_CHROMIUM and"
                    + " AQKOL_CHROMEDRIVER";
            assumeTrue(System.getenv("AQKOL_REQUIRE_TOOLS") != null, missing);
            throw new AssertionError(missing);
        }
    }

    /** A desktop window (1280×900) asking for pages in {@code language}, e.g. {@code "kk"} or {@code "ru,en"}. */
    public static Browser desktop(String language) {
        return start(Viewport.DESKTOP, language);
    }

    /** A phone (360×740, touch, mobile) asking for pages in {@code language}. */
    public static Browser phone(String language) {
        return start(Viewport.PHONE, language);
    }

    public static Browser start(Viewport viewport, String language) {
        assumeAvailable();
        Path home = createTempDirectory();
        ChromeDriverProcess chromedriver = null;
        try {
            chromedriver = ChromeDriverProcess.start(chromedriver().orElseThrow(), home);
            RemoteWebDriver driver = new RemoteWebDriver(chromedriver.address(),
                    options(viewport, language, home.resolve("profile")));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(home, chromedriver, driver, viewport, language);
        } catch (RuntimeException e) {
            if (chromedriver != null) {
                e.addSuppressed(new IllegalStateException("chromedriver said:\n" + chromedriver.logTail()));
                chromedriver.stop(chromedriver.browserProcesses());
            }
            delete(home);
            throw e;
        }
    }

    /** Goes to {@code url} and returns once the page has loaded. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** The WebDriver, to find elements, click, type and read. */
    public WebDriver driver() {
        return driver;
    }

    public Viewport viewport() {
        return viewport;
    }

    public String language() {
        return language;
    }

    /**
     * Waits until the page's text contains {@code text}. A page replaced while its text is read (a navigation, a
     * refresh) is read again: Selenium reports that as a stale element, chromedriver 156 also as an "unknown error"
     * whose node "does not belong to the document".
     */
    public Browser waitForText(String text) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "\"" + text + "\" on " + driver.getCurrentUrl())
                .until(d -> {
                    try {
                        return d.findElement(By.tagName("body")).getText().contains(text);
                    } catch (StaleElementReferenceException e) {
                        return false;
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return false;
                        }
                        throw e;
                    }
                });
        return this;
    }

    /** Waits until an element {@code locator} finds is in the page, and returns it. */
    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> locator + " on " + driver.getCurrentUrl())
                .until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** Writes what the screen shows now to {@code target/screenshots/<name>.png} and returns that file. */
    public Path screenshot(String name) {
        if (!SCREENSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a screenshot's name is letters, digits, '.', '_' and '-': " + name);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's violations on the page shown now, every rule, every impact. */
    public List<AxeViolation> axe() {
        return Axe.run(driver);
    }

    /** Fails, listing them, when axe-core finds any serious or critical violation on the page shown now. */
    public Browser assertAccessible() {
        Axe.assertNoneSerious(driver.getCurrentUrl(), axe());
        return this;
    }

    /**
     * What the page shown now cost to load: waits for its load event to end, then reads the browser's Navigation
     * and Resource Timing. The browser keeps 250 resource entries by default; a page fetching more is too heavy.
     */
    public PageWeight pageWeight() {
        Map<?, ?> measured = new WebDriverWait(driver, WAIT).withMessage(() -> "the load event of "
                + driver.getCurrentUrl()).until(d -> (Map<?, ?>) ((JavascriptExecutor) d)
                .executeScript(PageWeight.MEASURE));
        return PageWeight.of(measured);
    }

    /** Ends the browser and chromedriver, waits until their processes are gone, and removes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> processes = chromedriver.browserProcesses();
        try {
            driver.quit();
        } finally {
            chromedriver.stop(processes);
            delete(home);
        }
    }

    private static ChromeOptions options(Viewport viewport, String language, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + viewport.width() + "," + viewport.height(),
                "--lang=" + language.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // the window size leaves headless Chromium's emulated window frame out of the page's viewport; this makes
        // the viewport itself the size asked for (and a phone a phone: meta viewport, touch)
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                "width", viewport.width(), "height", viewport.height(), "pixelRatio", 1.0,
                "mobile", viewport.mobile(), "touch", viewport.mobile())));
        return options;
    }

    private static Optional<Path> chromium() {
        return InstalledTool.locate("chromium", "AQKOL_CHROMIUM");
    }

    private static Optional<Path> chromedriver() {
        return InstalledTool.locate("chromedriver", "AQKOL_CHROMEDRIVER");
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("aqkol-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
