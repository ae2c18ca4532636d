package kz.aqkol.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import kz.aqkol.contracts.Codec;
import kz.aqkol.contracts.MeterReading;
import kz.aqkol.contracts.MeterUnit;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;

/**
 * The launched village the cross-service tests share: the four services started from their packaged apps, as
 * {@code ./aqkol up} starts them, on free ports with their data under {@code target/e2e-stack}. Started by the first
 * test that asks and stopped when the test JVM exits. The tests reach it only as a user or a device would: REST with
 * dev tokens and MQTT through the public topics.
 */
public final class Village {

    /** Billing's village time zone, as billing-service is configured. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

    private static LocalStack stack;

    private Village() {
    }

    public static synchronized LocalStack stack() {
        if (stack == null) {
            LocalStack started = launch(home(), 1);
            for (Service service : Service.values()) {
                started.configure(service, "aqkol.audit.checkpoint-every", "2s");
            }
            // as in production, so TraceIT reads the trace ids of their log lines (MDC) as an operator's tools would
            // open data and the public pages show a change at once, as the tests expect (not after minutes)
            started.configure(Service.METERING, "aqkol.metering.open-data.refresh-every", "1s")
                    .configurePortal("aqkol.portal.public-fresh", "1s")
                    .configure(Service.METERING, "quarkus.log.console.json.enabled", "true")
                    .configure(Service.ALERT, "quarkus.log.console.json.enabled", "true");
            start(started);
            stack = started;
        }
        return stack;
    }

    /** Where the shared village keeps its data; other stacks of these tests keep theirs beside it. */
    static Path home() {
        return Path.of(System.getProperty("aqkol.e2e.home", "target/e2e-stack")).toAbsolutePath();
    }

    /**
     * A new stack of {@code replicas} of each service, its data in {@code home} (emptied first), its detectors,
     * corrections and outboxes on a test's time scale; configure it further, then {@link #start} it.
     */
    static LocalStack launch(Path home, int replicas) {
        Path root = Path.of(System.getProperty("aqkol.root", "..")).toAbsolutePath().normalize();
        deleteRecursively(home); // every run starts from an empty database and broker
        return LocalStack.onFreePorts(root, home, replicas)
                .configure(Service.METERING, "aqkol.metering.detect-every", "2s");
    }

    /** Starts {@code stack} and gives it the tariff these tests' bills are priced by. */
    static void start(LocalStack stack) {
        if (!stack.startAll()) {
            throw new IllegalStateException("the JVM is shutting down");
        }
        tariffs(stack);
    }

    public static String url(Service service) {
        return stack().url(service);
    }

    /** The portal's base URL (no trailing slash). */
    public static String portal() {
        String url = stack().portalUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static RequestSpecification as(String token, Service service) {
        return given().baseUri(url(service)).auth().oauth2(token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public static String operator() {
        return token("e2e-operator", "operator");
    }

    static String resident(String account) {
        return token(account, "resident");
    }

    public static String token(String subject, String role) {
        return stack().stack().tokens().issue(subject, Duration.ofHours(1), role);
    }

    public static MqttTestClient mqtt(String name) {
        DevStack servers = stack().stack();
        return MqttTestClient.connect(servers.broker().host(), servers.broker().port(),
                "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    static YearMonth lastMonth() {
        return YearMonth.now(ZONE).minusMonths(1);
    }

    /** A meter in m³ with a valve (GAS or WATER), in metering-service, installed {@code installedAt} at 0. */
    public static void meter(String meter, String utility, String account, Instant installedAt) {
        as(operator(), Service.METERING).body("""
                        {"id":"%s","utility":"%s","unit":"M3","registerDigits":6,"hasValve":true,"zone":"e2e",
                         "accountNumber":"%s","installedAt":"%s","initialRegister":0}"""
                        .formatted(meter, utility, account, installedAt))
                .when().post("/meters").then().statusCode(201);
    }

    /** A camera at {@code latitude}, {@code longitude} in a PUBLIC zone of its own, registered by an operator; its id. */
    public static String camera(double latitude, double longitude) {
        String zone = unique("z").toLowerCase();
        String camera = unique("CAM");
        as(operator(), Service.CAMERA).body("{\"id\":\"%s\",\"name\":\"Market square\",\"privacyClass\":\"PUBLIC\"}"
                .formatted(zone)).when().post("/zones").then().statusCode(201);
        as(operator(), Service.CAMERA).body("""
                        {"id":"%s","name":"Market square north","location":"Market square","zone":"%s",
                         "kind":"FIXED","latitude":%s,"longitude":%s}""".formatted(camera, zone, latitude, longitude))
                .when().post("/cameras").then().statusCode(201);
        return camera;
    }

    /**
     * A new water meter of {@code account} that reports 26 hours of unbroken flow (a dripping tap: never an hour
     * without), all stored: what metering-service calls a leak.
     */
    public static void dayOfFlow(String meter, String account) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(26));
        meter(meter, "WATER", account, start.minus(Duration.ofHours(1)));
        try (MqttTestClient device = mqtt("leaking-meter")) {
            BigDecimal register = new BigDecimal("10");
            for (int hour = 0; hour <= 25; hour++) {
                reading(device, meter, start.plus(Duration.ofHours(hour)), register.toPlainString());
                register = register.add(new BigDecimal("0.04"));
            }
        }
        awaitReadings(meter, 27);
    }

    /** alert-service's alerts about {@code subject}, as an operator lists them. */
    public static List<Map<String, Object>> alertsAbout(String subject) {
        List<Map<String, Object>> all = as(operator(), Service.ALERT).queryParam("limit", 500)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(alert -> subject.equals(alert.get("subject"))).toList();
    }

    /**
     * The resident's account in billing-service; waits until billing has heard from metering-service that
     * {@code meters} are the account's (metering-service says so when a meter is registered or moved).
     */
    public static void account(String account, String... meters) {
        as(operator(), Service.BILLING).body("""
                        {"number":"%s","holder":"E2E resident","address":"Abai st. 7","zone":"e2e",
                         "socialCategory":"NONE"}""".formatted(account))
                .when().post("/accounts").then().statusCode(201);
        awaitMeters(account, meters);
    }

    /** Waits until billing-service's account shows exactly {@code meters}, as metering-service assigned them. */
    public static void awaitMeters(String account, String... meters) {
        await("billing-service knows the meters of " + account).atMost(Duration.ofSeconds(30))
                .until(() -> as(operator(), Service.BILLING).header("X-Purpose", "BILLING; e2e check")
                        .when().get("/accounts/" + account).then().statusCode(200).extract().jsonPath()
                        .<String>getList("meters"), list -> new java.util.HashSet<>(list).equals(Set.of(meters)));
    }

    /** One reading as the meter sends it (QoS 1, acknowledged by the broker). */
    public static void reading(MqttTestClient device, String meter, Instant at, String register) {
        device.publish(Topics.meterReadings(meter), Codec.write(new MeterReading(UUID.randomUUID(), at,
                new BigDecimal(register), MeterUnit.M3, List.of())));
    }

    /** Waits until metering-service has stored {@code count} readings of the meter (the installation's included). */
    public static void awaitReadings(String meter, int count) {
        await("metering-service stores " + count + " readings of " + meter).atMost(Duration.ofSeconds(60))
                .until(() -> as(operator(), Service.METERING).header("X-Purpose", "METER_SERVICE; e2e check")
                        .queryParam("from", "2000-01-01T00:00:00Z")
                        .queryParam("to", Instant.now().plus(Duration.ofDays(400)).toString())
                        .when().get("/meters/" + meter + "/readings").then().statusCode(200)
                        .extract().jsonPath().getList("items").size() >= count);
    }

    /** Bills {@code month} for the given accounts and returns the finished run. */
    static JsonPath billRun(YearMonth month, String... accounts) {
        String id = as(operator(), Service.BILLING)
                .body("{\"period\":\"%s\",\"accounts\":[\"%s\"]}".formatted(month, String.join("\",\"", accounts)))
                .when().post("/bill-runs").then().statusCode(202).extract().path("id");
        return await("bill run " + id + " finishes").atMost(Duration.ofSeconds(60))
                .until(() -> as(operator(), Service.BILLING).when().get("/bill-runs/" + id).then().statusCode(200)
                        .extract().jsonPath(), run -> !"RUNNING".equals(run.getString("status")));
    }

    /** The resident's invoices, newest first, as they see them. */
    static List<Map<String, Object>> invoices(String account) {
        return as(resident(account), Service.BILLING).when().get("/me/invoices").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder, e);
        }
    }

    /** Gas at a flat price from two months back, once per stack: the bills of these tests are priced by it. */
    private static void tariffs(LocalStack stack) {
        given().baseUri(stack.url(Service.BILLING)).contentType(ContentType.JSON)
                .auth().oauth2(stack.stack().tokens().issue("e2e-operator", Duration.ofHours(1), "operator"))
                .body("""
                        {"utility":"GAS","effectiveFrom":"%s","unit":"M3","standingChargeTiyn":0,
                         "blocks":[{"priceTiyn":3000}],"reason":"e2e: 30 KZT per m3"}"""
                        .formatted(lastMonth().minusMonths(1).atDay(1)))
                .when().post("/tariffs").then().statusCode(201);
    }
}
