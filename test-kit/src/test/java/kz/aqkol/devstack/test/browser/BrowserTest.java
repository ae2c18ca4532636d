package kz.aqkol.devstack.test.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The browser harness itself, on pages a JDK HTTP server on 127.0.0.1 serves. */
class BrowserTest {

    private static final int SCRIPT_BYTES = 40_000;
    private static final String HEAD = """
            <!doctype html><html lang="kk"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Ақкөл</title></head>
            """;
    private static final Map<String, byte[]> PAGES = Map.of(
            "/broken", (HEAD + """
                    <body><main><h1>Есептегіштер</h1>
                    <img src="/meter.svg"><button></button></main></body></html>
                    """).getBytes(StandardCharsets.UTF_8),
            "/clean", (HEAD + """
                    <body><header><p>Ақкөл</p></header><main><h1>Есептегіштер</h1>
                    <form><label for="meter">Есептегіш нөмірі</label><input id="meter" name="meter">
                    <button type="submit">Іздеу</button></form></main></body></html>
                    """).getBytes(StandardCharsets.UTF_8),
            "/weighed", (HEAD + """
                    <body><main><h1>Салмақ</h1><script src="/known.js"></script></main></body></html>
                    """).getBytes(StandardCharsets.UTF_8),
            "/known.js", ("window.known = 1;" + " ".repeat(SCRIPT_BYTES - 17)).getBytes(StandardCharsets.UTF_8),
            "/meter.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>"
                    .getBytes(StandardCharsets.UTF_8));

    private static final Map<String, String> ACCEPT_LANGUAGE = new ConcurrentHashMap<>();
    private static HttpServer server;
    private static Browser desktop;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeAvailable();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", BrowserTest::serve);
        server.start();
        desktop = Browser.desktop("kk");
    }

    @AfterAll
    static void stop() {
        if (desktop != null) {
            desktop.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void axeNamesTheImageWithoutTextAndTheNamelessButtonAndTheCheckFailsOnThem() {
        desktop.open(url("/broken"));

        assertThat(desktop.axe()).extracting(AxeViolation::id, AxeViolation::impact, AxeViolation::targets)
                .contains(tuple("image-alt", "critical", List.of("img")),
                        tuple("button-name", "critical", List.of("button")));
        assertThatThrownBy(desktop::assertAccessible).isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(url("/broken"), "critical image-alt", "[img]",
                        "critical button-name", "[button]");
    }

    @Test
    void aCleanPageHasNoViolationAtAll() {
        desktop.open(url("/clean")).assertAccessible();

        assertThat(desktop.axe()).isEmpty();
    }

    @Test
    void aScreenshotIsAPngOfTheDesktopWindow() throws IOException {
        Path file = desktop.open(url("/clean")).screenshot("browser-test-desktop");

        assertThat(file).isEqualTo(Path.of("target", "screenshots", "browser-test-desktop.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a PNG").isNotNull();
        assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(1280, 900);
    }

    @Test
    void thePageWeighsWhatTheServerSentAndHasLoaded() {
        PageWeight weight = desktop.open(url("/weighed")).pageWeight();

        long bodies = PAGES.get("/weighed").length + SCRIPT_BYTES;
        assertThat(weight.transfers()).extracting(PageWeight.Transfer::url, PageWeight.Transfer::encodedBodySize)
                .containsExactly(tuple(url("/weighed"), (long) PAGES.get("/weighed").length),
                        tuple(url("/known.js"), (long) SCRIPT_BYTES));
        assertThat(weight.transferredBytes()).as("%s", weight).isBetween(bodies, bodies + 2 * 1024);
        assertThat(weight.domContentLoaded()).isPositive().isLessThanOrEqualTo(weight.load());
        assertThat(weight.firstContentfulPaint()).isPresent();
    }

    @Test
    void theDesktopAsksForKazakh() {
        desktop.open(url("/language?desktop")).waitForText("Accept-Language: kk");

        assertThat(ACCEPT_LANGUAGE.get("desktop")).isEqualTo("kk");
    }

    @Test
    void aPhoneAsksForItsOwnLanguageOnAPhonesScreenAndLeavesNothingBehindWhenClosed() throws IOException {
        Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());
        Set<ProcessHandle> started;
        Path home;
        try (Browser phone = Browser.phone("ru,en")) {
            phone.open(url("/language?phone")).waitFor(By.id("accept-language"));

            assertThat(ACCEPT_LANGUAGE.get("phone")).startsWith("ru,en");
            assertThat(((JavascriptExecutor) phone.driver()).executeScript("return navigator.language"))
                    .isEqualTo("ru");
            BufferedImage image = ImageIO.read(phone.screenshot("browser-test-phone").toFile());
            assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(360, 740);

            Set<ProcessHandle> underUs = ProcessHandle.current().descendants().filter(p -> !before.contains(p))
                    .collect(Collectors.toSet());
            home = underUs.stream().flatMap(p -> Stream.of(p.info().arguments().orElse(new String[0])))
                    .filter(argument -> argument.startsWith("--user-data-dir=")).findFirst()
                    .map(argument -> Path.of(argument.substring("--user-data-dir=".length())).getParent())
                    .orElseThrow();
            started = Stream.concat(underUs.stream(), ProcessHandle.allProcesses().filter(p -> p.info()
                    .commandLine().filter(line -> line.contains(home.toString())).isPresent()))
                    .collect(Collectors.toSet());
            assertThat(started).extracting(BrowserTest::command)
                    .anyMatch(command -> command.endsWith("chromedriver"))
                    .anyMatch(command -> command.contains("chromium"));
            assertThat(home).isDirectory();
        }
        assertThat(started).filteredOn(BrowserTest::running).extracting(BrowserTest::command).isEmpty();
        assertThat(home).doesNotExist();
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("?");
    }

    /** Alive and not merely a zombie whose exit init has yet to collect. */
    private static boolean running(ProcessHandle process) {
        return process.isAlive() && process.info().command().isPresent();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = PAGES.get(path);
        if ("/language".equals(path)) {
            String acceptLanguage = exchange.getRequestHeaders().getFirst("Accept-Language");
            ACCEPT_LANGUAGE.put(exchange.getRequestURI().getQuery(), acceptLanguage);
            body = (HEAD + "<body><main><h1>Тіл</h1><p id=\"accept-language\">Accept-Language: " + acceptLanguage
                    + "</p></main></body></html>").getBytes(StandardCharsets.UTF_8);
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript"
                : path.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
