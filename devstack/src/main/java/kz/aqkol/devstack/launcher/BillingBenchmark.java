package kz.aqkol.devstack.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.OpenLoop;
import kz.aqkol.devstack.Postgres;
import org.postgresql.PGConnection;

/**
 * {@code ./aqkol bench billing [ACCOUNTS] [RATE] [SECONDS]}: the real system's bill run and residents' invoice list.
 * The stack {@code ./aqkol up} runs, on free ports; then, with COPY, ACCOUNTS households with one gas meter each —
 * in metering-service the meters, their account histories and a whole month of hourly readings (745 per meter),
 * in billing-service the accounts and its copy of the meters' histories — and a three-block gas tariff over the API.
 * Then one bill run of that month through billing-service's API, billing asking the packaged metering-service for
 * every meter's consumption computed from those readings; and {@code GET /me/invoices} at RATE requests a second
 * for SECONDS from this process (its own JVM, not the services'), open loop ({@link OpenLoop}). Prints figures;
 * not a test.
 *
 * <p>metering-service's detection runs as usual, but with silence alerts off: the readings end with the month, and
 * the benchmark measures billing, not an alert storm about 100,000 meters that went quiet.
 */
final class BillingBenchmark {

    private static final ZoneId VILLAGE = ZoneId.of("Asia/Almaty");
    private static final String PREFIX = "BA-";
    private static final int RESIDENTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path home;
    private final int accounts;
    private final int rate;
    private final int seconds;
    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BillingBenchmark(Path root, Path home, int accounts, int rate, int seconds) {
        this.root = root;
        this.home = home;
        this.accounts = accounts;
        this.rate = rate;
        this.seconds = seconds;
    }

    void run() throws Exception {
        FaultDrill.clear(home);
        YearMonth month = YearMonth.now(VILLAGE).minusMonths(1);
        Instant from = month.atDay(1).atStartOfDay(VILLAGE).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(VILLAGE).toInstant();
        try (LocalStack stack = LocalStack.onFreePorts(root, home)
                .configure(Service.METERING, "aqkol.metering.silence", "3650d")) {
            if (!stack.startAll()) {
                throw CommandFailure.failed("interrupted");
            }
            Postgres postgres = stack.stack().postgres();
            DevTokens tokens = stack.stack().tokens();
            String operator = tokens.issue("bench-operator", Duration.ofHours(4), "operator");

            out.printf("Loading %,d households for %s with COPY ...%n", accounts, month);
            long started = System.nanoTime();
            long readings = loadMetering(postgres, from, to);
            double meteringLoad = (System.nanoTime() - started) / 1e9;
            loadBilling(postgres, from);
            out.printf("  metering-service: %,d meters, %,d readings in %.0f s (%,.0f readings/s); billing-service: "
                    + "%,d accounts%n", accounts, readings, meteringLoad, readings / meteringLoad, accounts);
            maintain(postgres, Service.METERING.database());
            maintain(postgres, Service.BILLING.database());
            tariff(stack.url(Service.BILLING), operator, month);

            CpuMeter cpu = new CpuMeter().add("metering-service", stack.pid(Service.METERING))
                    .add("billing-service", stack.pid(Service.BILLING)).add("benchmark client",
                            ProcessHandle.current().pid());
            try (Connection db = postgres.connect(Service.BILLING.database());
                 ResultSet backend = db.createStatement().executeQuery("select pg_backend_pid()")) {
                backend.next();
                cpu.addPostgres("PostgreSQL", backend.getLong(1));
            }
            SlowStatements slow = SlowStatements.sample(postgres);
            cpu.begin();
            JsonNode run = billRun(stack.url(Service.BILLING), operator, month);
            Map<String, Double> runCores = cpu.coresSinceBegin();
            String slowDuringRun = slow.report("the bill run");
            double runSeconds = Duration.between(Instant.parse(run.path("startedAt").asText()),
                    Instant.parse(run.path("finishedAt").asText())).toMillis() / 1000.0;
            long check = System.nanoTime();
            JsonNode ledger = get(stack.url(Service.BILLING) + "/ledger/check", operator);
            double checkSeconds = (System.nanoTime() - check) / 1e9;

            List<String> residents = new ArrayList<>();
            for (int i = 1; i <= Math.min(RESIDENTS, accounts); i++) {
                residents.add(tokens.issue(account(i), Duration.ofHours(4), "resident"));
            }
            maintain(postgres, Service.BILLING.database());
            long[] latencies;
            Map<String, Double> readCores;
            out.printf("GET /me/invoices: 30 s of warm-up at %,d/s, then %,d/s for %d s%n", Math.max(1, rate / 2), rate,
                    seconds);
            try (OpenLoop load = new OpenLoop(stack.url(Service.BILLING), 64)) {
                load.get("/me/invoices?limit=20", residents, Math.max(1, rate / 2), 30); // warm-up: JIT, pools
                slow.reset();
                cpu.begin();
                latencies = load.get("/me/invoices?limit=20", residents, rate, seconds);
                readCores = cpu.coresSinceBegin();
            } finally {
                slow.close();
            }

            out.println();
            out.printf("Bill run of %s, %,d accounts, the packaged metering-service computing consumption from "
                    + "%,d readings:%n", month, accounts, readings);
            out.printf("  %s in %.1f s (%,.0f accounts/s), outcomes %s%s%n", run.path("status").asText(),
                    runSeconds, accounts / runSeconds, run.path("outcomes"),
                    run.path("pending").isEmpty() ? "" : ", first pending " + run.path("pending").get(0));
            out.printf("  ledger check: ok=%s over %,d transactions in %.1f s%n", ledger.path("ok").asBoolean(),
                    ledger.path("transactions").asLong(), checkSeconds);
            CpuMeter.print(out, runCores, accounts / runSeconds, "accounts");
            out.print(slowDuringRun);
            out.printf("GET /me/invoices?limit=20, %,d requests at %,d/s for %d s from %,d residents (own JWT each), "
                    + "open loop from this process:%n  %s%n", latencies.length, rate, seconds, residents.size(),
                    OpenLoop.percentiles(latencies));
            out.printf("  the slowest of each second, ms: %s%n", OpenLoop.worstPerSecond(latencies, rate));
            CpuMeter.print(out, readCores, rate, "requests");
            out.print(slow.report("the measured requests"));
        }
    }

    static String account(int i) {
        return PREFIX + String.format("%06d", i);
    }

    private static String meter(int i) {
        return "BG-" + String.format("%06d", i);
    }

    /**
     * Meters, their histories, when each was last heard from and every hour's reading of the month (and its two
     * edges), each table by COPY.
     */
    private long loadMetering(Postgres postgres, Instant from, Instant to) throws SQLException, IOException {
        String installed = from.minus(Duration.ofDays(1)).toString();
        String now = Instant.now().toString();
        int hours = (int) Duration.between(from, to).toHours();
        try (Connection db = postgres.connect(Service.METERING.database())) {
            try (Statement statement = db.createStatement()) {
                for (Instant month = from; month.isBefore(to); month = month.plus(Duration.ofDays(28))) {
                    statement.execute("select aqkol_create_month_partition('reading', '" + month + "')");
                }
                statement.execute("select aqkol_create_month_partition('reading', '" + to + "')");
            }
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy meter (id, utility, unit, register_digits, multiplier, has_valve, account_number,"
                    + " installed_at, created_at, assignment_version) from stdin", rows(accounts, i ->
                    meter(i + 1) + "\tGAS\tM3\t8\t1\tfalse\t" + account(i + 1) + "\t" + installed + "\t" + now
                            + "\t1\n"));
            copy.copyIn("copy meter_assignment (meter_id, account_number, valid_from, changed_at, changed_by, reason)"
                    + " from stdin", rows(accounts, i -> meter(i + 1) + "\t" + account(i + 1) + "\t" + installed
                    + "\t" + now + "\tbench\tregistered\n"));
            // as detection's flow pass leaves it: each meter last heard from at the month's last reading
            copy.copyIn("copy meter_heard (meter_id, last_reading) from stdin", rows(accounts, i -> meter(i + 1)
                    + "\t" + from.plus(Duration.ofHours(hours)) + "\n"));
            int perMeter = hours + 1;
            AtomicLong id = new AtomicLong();
            return copy.copyIn("copy reading (id, meter_id, occurred_at, register, received_at) from stdin",
                    rows(accounts * perMeter, row -> {
                        int m = row / perMeter;
                        int hour = row % perMeter;
                        Instant at = from.plus(Duration.ofHours(hour));
                        // a household's own pace, 20 to 140 litres an hour
                        long litres = 100_000L + (m % 900) * 1_000L + (m % 7 + 1) * 20L * hour;
                        return new UUID(id.incrementAndGet(), 0x8000_0000_0000_0000L) + "\t" + meter(m + 1) + "\t"
                                + at + "\t" + java.math.BigDecimal.valueOf(litres, 3).toPlainString() + "\t"
                                + at.plusSeconds(60) + "\n";
                    }));
        }
    }

    /** The accounts and billing's copy of the meters' histories (as metering-service's messages would leave it). */
    private void loadBilling(Postgres postgres, Instant from) throws SQLException, IOException {
        String installed = from.minus(Duration.ofDays(1)).toString();
        String now = Instant.now().toString();
        try (Connection db = postgres.connect(Service.BILLING.database())) {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy account (number, holder, address, zone, social_category, auto_pay, status, created_at)"
                    + " from stdin", rows(accounts, i -> account(i + 1) + "\tHousehold " + (i + 1) + "\tBench st. "
                    + (i + 1) + "\tbench\t" + (i % 10 == 0 ? "PENSIONER" : "NONE") + "\tfalse\tACTIVE\t" + now + "\n"));
            copy.copyIn("copy meter_assignment (meter_id, account_number, valid_from) from stdin", rows(accounts,
                    i -> meter(i + 1) + "\t" + account(i + 1) + "\t" + installed + "\n"));
            copy.copyIn("copy meter_assignment_version (meter_id, version, received_at) from stdin", rows(accounts,
                    i -> meter(i + 1) + "\t1\t" + now + "\n"));
        }
    }

    /** {@code count} rows of COPY text, made as they are read. */
    private static Reader rows(int count, IntFunction<String> row) {
        return new Reader() {
            private int next;
            private String current = "";
            private int offset;

            @Override
            public int read(char[] buffer, int off, int len) {
                int written = 0;
                while (written < len) {
                    if (offset == current.length()) {
                        if (next == count) {
                            return written == 0 ? -1 : written;
                        }
                        current = row.apply(next++);
                        offset = 0;
                    }
                    int part = Math.min(len - written, current.length() - offset);
                    current.getChars(offset, offset + part, buffer, off + written);
                    offset += part;
                    written += part;
                }
                return written;
            }

            @Override
            public void close() {
            }
        };
    }

    /** As the database's owner: fresh statistics, the load's pages written, before anything is timed. */
    private static void maintain(Postgres postgres, String database) throws SQLException {
        try (Connection db = postgres.connect(database); Statement statement = db.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
    }

    private void tariff(String billing, String operator, YearMonth month) throws Exception {
        send(HttpRequest.newBuilder(URI.create(billing + "/tariffs")).header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"utility":"GAS","effectiveFrom":"%s","unit":"M3","standingChargeTiyn":30000,
                         "blocks":[{"upTo":50,"priceTiyn":2800},{"upTo":120,"priceTiyn":3300},{"priceTiyn":3600}],
                         "discounts":{"PENSIONER":20},"reason":"bench: the month's gas tariff"}"""
                        .formatted(month.atDay(1)))).build(), 201);
    }

    private JsonNode billRun(String billing, String operator, YearMonth month) throws Exception {
        JsonNode run = send(HttpRequest.newBuilder(URI.create(billing + "/bill-runs"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"" + month + "\"}")).build(), 202);
        String id = run.path("id").asText();
        out.printf("Bill run %s started%n", id);
        long processed = -1;
        while ("RUNNING".equals(run.path("status").asText())) {
            Thread.sleep(2_000);
            run = get(billing + "/bill-runs/" + id, operator);
            if (run.path("processed").asLong() / 10_000 != processed / 10_000) {
                processed = run.path("processed").asLong();
                out.printf("  %,d of %,d accounts%n", processed, accounts);
            }
        }
        return run;
    }

    private JsonNode get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                200);
    }

    private JsonNode send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw CommandFailure.failed(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
