package kz.aqkol.devstack.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.simulator.Village;
import kz.aqkol.devstack.simulator.Village.Household;
import kz.aqkol.devstack.simulator.Village.Meter;
import kz.aqkol.devstack.simulator.VillageSettings;
import kz.aqkol.devstack.simulator.VillageSimulator;
import kz.aqkol.devstack.simulator.VillageSimulator.Publish;
import kz.aqkol.devstack.simulator.VillageSimulator.Replace;

/**
 * {@code ./aqkol demo}: the whole village, end to end, on a fresh stack in {@code .aqkol/demo/}. Starts everything
 * like {@code up}, provisions the simulated village over REST (zones, cameras, meters, tariffs, accounts), sends
 * last month and this month so far over MQTT in minutes, waits until the services have taken it all in, bills last
 * month, lets the residents pay, and prints what the services answer: readings and events stored, alerts by type,
 * invoices, payments, the ledger check and the audit chains. Every figure of the summary is a service's answer or
 * a count in its database.
 */
final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(20);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(150);
    private static final long TOP_UP_TIYN = 3_000_000; // 30,000 KZT in the wallet of an auto-paying household

    private final Path root;
    private final Path home;
    private final long seed;
    private final int households;
    private final int cameras;
    private final boolean exit;
    private final PrintStream out = System.out;

    private LocalStack local;
    private DevTokens tokens;
    private String operator;
    private String auditor;
    private final Map<String, String> residents = new HashMap<>();
    private long eventsOnArrival;

    Demo(Path root, Path home, List<String> arguments) {
        this.root = root;
        this.home = home;
        Map<String, String> options = options(arguments);
        this.seed = Long.parseLong(options.getOrDefault("seed", "2026"));
        this.households = Integer.parseInt(options.getOrDefault("households", "24"));
        this.cameras = Integer.parseInt(options.getOrDefault("cameras", "6"));
        this.exit = options.containsKey("exit");
    }

    void run() throws Exception {
        Instant begin = Instant.now();
        VillageSettings settings;
        try {
            settings = VillageSettings.lastMonthUntilNow(seed, households, cameras, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        Village village = Village.generate(settings);
        out.printf("Smart Aqkol demo: a village of %d households and %d cameras, seed %d.%n", households, cameras,
                seed);
        out.printf("Simulated span: %s to %s (village time %s); the bill run bills %s.%n%n",
                settings.from(), settings.to(), settings.zone(), settings.billedMonth());

        Path demoHome = home.resolve("demo");
        LocalStack.refuseTakenPorts();
        freshHome(demoHome);
        local = new LocalStack(root, demoHome);
        if (!local.startAll()) {
            return;
        }
        out.printf("All services ready after %d s.%n", Duration.between(begin, Instant.now()).toSeconds());
        tokens = local.stack().tokens();
        operator = tokens.issue("demo-operator", Role.TOKEN_VALIDITY, "operator");
        auditor = tokens.issue("demo-auditor", Role.TOKEN_VALIDITY, "auditor");
        for (Household household : village.households()) {
            residents.put(household.account(), tokens.issue(household.account(), Role.TOKEN_VALIDITY, "resident"));
        }

        provision(village, settings);
        DevStack stack = local.stack();
        try (MqttTestClient dlq = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                "aqkol-demo-dlq-watch").subscribe(Topics.DEAD_LETTERS);
             MqttTestClient devices = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                     "aqkol-demo-village");
             MqttTestClient valves = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                     "aqkol-demo-valves").subscribe(Topics.METER_COMMANDS)) {
            VillageSimulator simulator = new VillageSimulator(village);
            ScheduledExecutorService deviceLoop = devices(simulator, devices, valves);
            try {
                VillageSimulator.Tally tally = simulate(village, simulator, settings, devices);
                awaitIngest(tally);
                awaitDetections(village, dlq);
                String valveLine = closeLeakingValve();
                Billing billing = bill(village, settings);
                List<String> payments = pay(village, settings, billing);
                List<String> arrears = arrears(village, billing);
                staffRead(village);
                summary(village, settings, tally, billing, payments, valveLine, arrears, dlq,
                        Duration.between(begin, Instant.now()));
                if (!exit) {
                    out.println("The village keeps running (camera heartbeats, valve meters answering commands) "
                            + "until Ctrl-C; add --exit to stop after the summary.");
                    LocalStack.awaitShutdown();
                }
            } finally {
                deviceLoop.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- provisioning

    private void provision(Village village, VillageSettings settings) {
        step("Provisioning over REST: %d zones, %d cameras, %d meters, 4 tariffs, %d accounts", village.zones().size(),
                village.cameras().size(), village.meters().size(), village.households().size());
        String camera = local.url(Service.CAMERA);
        for (Village.Zone zone : village.zones()) {
            ObjectNode body = JSON.createObjectNode().put("id", zone.id()).put("name", zone.name())
                    .put("privacyClass", zone.privacyClass());
            if (zone.restrictedFrom() != null) {
                body.put("restrictedFrom", zone.restrictedFrom().toString())
                        .put("restrictedUntil", zone.restrictedUntil().toString());
            }
            call("POST", camera + "/zones", operator, body);
        }
        for (Village.Camera cam : village.cameras()) {
            call("POST", camera + "/cameras", operator, JSON.createObjectNode().put("id", cam.id())
                    .put("name", cam.name()).put("location", cam.name()).put("zone", cam.zone())
                    .put("kind", cam.kind()).put("latitude", cam.latitude()).put("longitude", cam.longitude()));
        }
        String metering = local.url(Service.METERING);
        for (Household household : village.households()) {
            for (Meter meter : household.meters()) {
                call("POST", metering + "/meters", operator, meterBody(meter.id(), meter, household,
                        meter.registerDigits(), meter.initialRegister().toPlainString(), settings.from()));
            }
        }
        String billing = local.url(Service.BILLING);
        String from = settings.billedMonth().atDay(1).toString();
        tariff(billing, "GAS", from, "M3", 30_000, "[{\"upTo\":50,\"priceTiyn\":2800},{\"priceTiyn\":3600}]");
        tariff(billing, "WATER", from, "M3", 20_000, "[{\"priceTiyn\":11000}]");
        tariff(billing, "ELECTRICITY", from, "KWH", 0,
                "[{\"upTo\":150,\"priceTiyn\":2200},{\"upTo\":300,\"priceTiyn\":2900},{\"priceTiyn\":3600}]");
        tariff(billing, "HEAT", from, "GCAL", 50_000, "[{\"priceTiyn\":650000}]");
        for (Household household : village.households()) {
            ArrayNode meters = JSON.createArrayNode();
            household.meters().forEach(m -> meters.add(m.id()));
            ObjectNode body = JSON.createObjectNode().put("number", household.account())
                    .put("holder", household.holder()).put("address", household.address())
                    .put("zone", household.zone()).put("socialCategory", household.socialCategory());
            body.set("meters", meters);
            call("POST", billing + "/accounts", operator, body);
            if (household.payer() == Village.Payer.AUTO_PAY) {
                String token = residents.get(household.account());
                call("PUT", billing + "/me/account/auto-pay", token, JSON.createObjectNode().put("enabled", true));
                pay(billing, token, "demo-top-up-" + household.account(), TOP_UP_TIYN, true);
            }
        }
        long autoPay = village.households().stream().filter(h -> h.payer() == Village.Payer.AUTO_PAY).count();
        out.printf("  done; %d households turned auto-pay on and topped their wallets up with %s each%n", autoPay,
                kzt(TOP_UP_TIYN));
    }

    private static ObjectNode meterBody(String id, Meter meter, Household household, int digits, String initial,
                                        Instant installedAt) {
        return JSON.createObjectNode().put("id", id).put("utility", meter.utility().name())
                .put("unit", meter.utility().unit().name()).put("registerDigits", digits)
                .put("hasValve", meter.hasValve()).put("zone", household.zone())
                .put("accountNumber", household.account()).put("installedAt", installedAt.toString())
                .put("initialRegister", new BigDecimal(initial));
    }

    private void tariff(String billing, String utility, String from, String unit, long standing, String blocks) {
        ObjectNode body = JSON.createObjectNode().put("utility", utility).put("effectiveFrom", from).put("unit", unit)
                .put("standingChargeTiyn", standing).put("reason", "Demo village tariff (illustrative prices)");
        body.set("blocks", parse(blocks));
        body.set("discounts", JSON.createObjectNode().put("PENSIONER", 20));
        call("POST", billing + "/tariffs", operator, body);
    }

    // ---------------------------------------------------------------------------------------------- simulation

    /**
     * What the village's devices do in wall-clock time, as long as the demo runs: the cameras' heartbeats every
     * 20 s, and the valve meters' answers to the commands metering-service sends them.
     */
    private ScheduledExecutorService devices(VillageSimulator simulator, MqttTestClient devices,
                                             MqttTestClient valves) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-devices");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger round = new AtomicInteger();
        scheduler.scheduleAtFixedRate(() -> {
            try {
                for (Publish beat : simulator.heartbeats(Instant.now(), round.getAndIncrement())) {
                    devices.publishAsync(beat.topic(), beat.bytes());
                }
            } catch (RuntimeException e) {
                out.println("  heartbeat round failed: " + e.getMessage());
            }
        }, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        AtomicInteger answered = new AtomicInteger();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                List<MqttTestClient.Received> commands = valves.received();
                for (MqttTestClient.Received command : commands.subList(answered.get(), commands.size())) {
                    String meter = command.topic().split("/")[3];
                    Publish ack = simulator.answer(meter, command.payload(), Instant.now());
                    if (ack != null) {
                        devices.publishAsync(ack.topic(), ack.bytes());
                    }
                    answered.incrementAndGet();
                }
            } catch (RuntimeException e) {
                out.println("  answering a valve command failed: " + e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    private VillageSimulator.Tally simulate(Village village, VillageSimulator simulator, VillageSettings settings,
                                            MqttTestClient devices) {
        step("Running the village from %s to %s over MQTT (QoS 1), as fast as the broker acknowledges",
                day(settings.from(), settings), day(settings.to(), settings));
        ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long totalDays = Duration.between(settings.from(), settings.to()).toDays() + 1;
        Instant[] nextProgress = {Instant.now().plus(PROGRESS_EVERY)};
        Instant start = Instant.now();
        VillageSimulator.Tally tally = simulator.run(step -> {
            if (step instanceof Publish publish) {
                CompletableFuture<Void> acked = devices.publishAsync(publish.topic(), publish.bytes());
                acked.whenComplete((ok, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
                pending.add(acked);
                published.incrementAndGet();
                if (pending.size() > 5_000) {
                    pending.removeIf(CompletableFuture::isDone);
                }
            } else if (step instanceof Replace replace) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
                replaceMeter(village, replace, settings);
            }
            if (Instant.now().isAfter(nextProgress[0])) {
                long dayNumber = Duration.between(settings.from(), step.at()).toDays() + 1;
                out.printf("  %s (day %d of %d): %,d messages published%n", day(step.at(), settings), dayNumber,
                        totalDays, published.get());
                nextProgress[0] = Instant.now().plus(PROGRESS_EVERY);
            }
        });
        pending.forEach(f -> f.exceptionally(e -> null).join());
        Duration took = Duration.between(start, Instant.now());
        out.printf("  done: %,d messages in %d s (%,d readings, %,d of them sent late, %,d duplicates; %,d camera "
                        + "events; %d meter swapped; broker refused %d)%n", published.get(), took.toSeconds(),
                tally.readings(), tally.lateReadings(), tally.duplicates(), tally.allEvents(), tally.replacements(),
                failed.get());
        return tally;
    }

    /** The operator records the swap with metering-service and tells billing the account's new meter. */
    private void replaceMeter(Village village, Replace replace, VillageSettings settings) {
        Household household = village.households().stream()
                .filter(h -> h.meters().contains(replace.meter())).findFirst().orElseThrow();
        ObjectNode body = JSON.createObjectNode().put("at", replace.at().toString())
                .put("finalRegister", replace.finalRegister());
        body.set("newMeter", meterBody(replace.successorId(), replace.meter(), household, 6, "0", replace.at()));
        call("POST", local.url(Service.METERING) + "/meters/" + replace.meter().id() + "/replacement", operator, body);
        ArrayNode meters = JSON.createArrayNode();
        household.meters().forEach(m -> meters.add(m.id()));
        meters.add(replace.successorId());
        ObjectNode change = JSON.createObjectNode();
        change.set("meters", meters);
        call("PATCH", local.url(Service.BILLING) + "/accounts/" + household.account(), operator, change);
        out.printf("  %s: meter %s swapped for %s at register %s (metering and billing told over REST)%n",
                day(replace.at(), settings), replace.meter().id(), replace.successorId(),
                replace.finalRegister().toPlainString());
    }

    /** Until metering and camera-service have stored what was sent and their counts stop moving. */
    private void awaitIngest(VillageSimulator.Tally tally) throws Exception {
        step("Waiting for metering-service and camera-service to store it all");
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        long lastReadings = -1;
        long lastEvents = -1;
        int still = 0;
        while (Instant.now().isBefore(deadline)) {
            long readings = count("metering", "select count(*) from reading");
            long events = count("camera", "select count(*) from detection_event");
            eventsOnArrival = Math.max(eventsOnArrival, events);
            out.printf("  readings stored %,d (%,d sent), camera events stored %,d (%,d sent)%n", readings,
                    tally.readings(), events, tally.allEvents());
            still = readings == lastReadings && events == lastEvents ? still + 1 : 0;
            if (still >= 2 && readings >= tally.readings() && events >= tally.allEvents()) {
                return;
            }
            if (still >= 5) {
                out.println("  the counts stopped moving short of what was sent: see the refusals below");
                return;
            }
            lastReadings = readings;
            lastEvents = events;
            Thread.sleep(2_000);
        }
        out.println("  not settled after " + SETTLE_TIMEOUT.toMinutes() + " min; going on");
    }

    /**
     * metering-service's detectors run every minute, camera-service's offline watch every 30 s; what they find
     * goes to alert-service over MQTT. Waits until metering holds the leak and the tamper, camera-service the
     * silent camera, and alert-service has the alerts (or has dead-lettered what it could not take).
     */
    private void awaitDetections(Village village, MqttTestClient dlq) throws Exception {
        step("Waiting for the detectors (metering every minute, camera offline watch every 30 s)");
        boolean leak = !village.metersWith(Village.Anomaly.LEAK).isEmpty();
        boolean tamper = !village.metersWith(Village.Anomaly.TAMPER).isEmpty();
        boolean silentCamera = village.cameras().stream().anyMatch(Village.Camera::goesSilent);
        List<String> wanted = new ArrayList<>(List.of("FIRE"));
        if (leak) {
            wanted.add("LEAK");
        }
        if (tamper) {
            wanted.add("TAMPER");
        }
        if (silentCamera) {
            wanted.add("OFFLINE");
        }
        Instant deadline = Instant.now().plus(DETECTION_TIMEOUT);
        while (true) {
            String conditions = groups("metering", "select type, count(*) from meter_condition where active "
                    + "group by type order by type");
            long offline = count("camera", "select count(*) from camera where offline_alerted");
            Map<String, Long> types = alertTypes();
            long refused = alertServiceDeadLetters(dlq);
            List<String> missing = wanted.stream().filter(t -> !types.containsKey(t)).toList();
            out.printf("  metering's active conditions %s; cameras offline %d; alert-service: %s%s%s%n", conditions,
                    offline,
                    types.isEmpty() ? "no alerts" : types,
                    missing.isEmpty() ? "" : ", waiting for " + String.join(", ", missing),
                    refused == 0 ? "" : "; " + refused + " alerts dead-lettered by alert-service");
            boolean detected = (!leak || conditions.contains("LEAK")) && (!tamper || conditions.contains("TAMPER"))
                    && (!silentCamera || offline > 0);
            if (detected && (missing.isEmpty() || refused >= 4) || Instant.now().isAfter(deadline)) {
                return;
            }
            Thread.sleep(10_000);
        }
    }

    /**
     * What an operator does about a leak: closes the meter's valve. metering-service sends the command over MQTT, the
     * simulated meter answers it, and metering records the outcome.
     */
    private String closeLeakingValve() throws Exception {
        String meter = text("metering", "select min(meter_id) from meter_condition where active and type = 'LEAK'");
        if (meter == null) {
            return "none sent: metering-service detected no leak";
        }
        String metering = local.url(Service.METERING);
        step("The operator closes the valve of leaking meter %s: POST /meters/%s/valve-commands", meter, meter);
        JsonNode latest = call("POST", metering + "/meters/" + meter + "/valve-commands", operator,
                JSON.createObjectNode().put("command", "CLOSE_VALVE")
                        .put("reason", "LEAK: water flowing day and night"));
        Instant deadline = Instant.now().plusSeconds(30);
        while ("PENDING".equals(latest.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            latest = staffRead(metering + "/meters/" + meter + "/valve-commands?limit=1", "SAFETY; leak").path(0);
        }
        String line = "CLOSE_VALVE to %s (its LEAK): %s, valve %s, as the simulated meter answered on %s (GET "
                + "/meters/%s/valve-commands)";
        line = line.formatted(meter, latest.path("status").asText(), latest.path("valve").asText(),
                Topics.meterCommandAcks(meter), meter);
        out.println("  " + line);
        return line;
    }

    private static long alertServiceDeadLetters(MqttTestClient dlq) {
        return dlq.received().stream().filter(m -> m.topic().endsWith("/alert-service")).count();
    }

    // ---------------------------------------------------------------------------------------------- billing

    private record Billing(JsonNode run, Map<String, JsonNode> invoices) {
    }

    private Billing bill(Village village, VillageSettings settings) throws InterruptedException {
        String billing = local.url(Service.BILLING);
        step("Bill run for %s: POST /bill-runs", settings.billedMonth());
        JsonNode run = call("POST", billing + "/bill-runs", operator,
                JSON.createObjectNode().put("period", settings.billedMonth().toString()));
        String id = run.path("id").asText();
        out.printf("  run %s accepted%n", id);
        long processed = 0;
        while ("RUNNING".equals(run.path("status").asText())) {
            Thread.sleep(1_000);
            run = call("GET", billing + "/bill-runs/" + id, operator, null);
            if (run.path("processed").asLong() != processed) {
                processed = run.path("processed").asLong();
                out.printf("  %s, %d of %d accounts processed%n", run.path("status").asText(), processed,
                        village.households().size());
            }
        }
        out.printf("  %s: outcomes %s%s%n", run.path("status").asText(), run.path("outcomes"),
                run.path("pending").isEmpty() ? "" : ", pending " + run.path("pending"));
        Map<String, JsonNode> invoices = new LinkedHashMap<>();
        for (Household household : village.households()) {
            JsonNode page = call("GET", billing + "/me/invoices?limit=10", residents.get(household.account()), null);
            for (JsonNode invoice : page.path("items")) {
                if (settings.billedMonth().toString().equals(invoice.path("period").asText())
                        && "INVOICE".equals(invoice.path("kind").asText())) {
                    invoices.put(household.account(), invoice);
                }
            }
        }
        return new Billing(run, invoices);
    }

    /** Each household pays as its plan says; one payment is sent twice with the same Idempotency-Key. */
    private List<String> pay(Village village, VillageSettings settings, Billing billing) {
        step("Residents pay: POST /me/payments with an Idempotency-Key each opens a checkout at the payment sandbox, "
                + "the payer confirms it there, and the sandbox's signed callback credits the account");
        String url = local.url(Service.BILLING);
        List<String> notes = new ArrayList<>();
        boolean replayShown = false;
        for (Household household : village.households()) {
            JsonNode invoice = billing.invoices().get(household.account());
            if (invoice == null) {
                continue;
            }
            long open = invoice.path("openTiyn").asLong();
            String token = residents.get(household.account());
            String key = "demo-" + household.account() + "-" + settings.billedMonth();
            switch (household.payer()) {
                case PAYS_IN_FULL -> {
                    if (open > 0) {
                        pay(url, token, key, open, false);
                        if (!replayShown) {
                            HttpResponse<String> again = pay(url, token, key, open, false);
                            notes.add(("%s paid %s twice with Idempotency-Key %s: second answer %d, "
                                    + "Idempotent-Replayed: %s")
                                    .formatted(household.account(), kzt(open), key, again.statusCode(),
                                            again.headers().firstValue("Idempotent-Replayed").orElse("absent")));
                            replayShown = true;
                        }
                    }
                }
                case PAYS_PART -> {
                    if (open > 1) {
                        pay(url, token, key, open / 2, false);
                    }
                }
                default -> {
                }
            }
        }
        return notes;
    }

    /**
     * A resident pays as a payer would: the pay action opens a payment intent and a checkout at the payment sandbox
     * (nothing is credited yet), the payer confirms the checkout there, and the sandbox's signed callback is what
     * credits the account. The pay action's answer is returned (a replay of it, for a repeated key).
     */
    private HttpResponse<String> pay(String billing, String token, String key, long tiyn, boolean toWallet) {
        ObjectNode body = JSON.createObjectNode().put("amountTiyn", tiyn).put("currency", "KZT")
                .put("toWallet", toWallet);
        HttpResponse<String> intent = send("POST", billing + "/me/payments", token, body,
                Map.of("Idempotency-Key", key));
        String reference = parse(intent.body()).path("providerReference").asText();
        JsonNode confirmed = call("POST", local.paymentSandboxUrl() + "/checkouts/" + reference + "/confirm", null,
                null);
        if (confirmed.path("callbackStatus").asInt() != 200) {
            throw CommandFailure.failed("the payment sandbox's confirmation of %s was answered %d by billing: %s"
                    .formatted(reference, confirmed.path("callbackStatus").asInt(),
                            confirmed.path("callbackBody").asText()));
        }
        return intent;
    }

    /**
     * The unpaid household's story, 66 days after the bill: billing-service is restarted with its clock that far
     * ahead ({@code aqkol.clock.offset}), so its dunning pass finds the invoice 46 days past due and blocks the
     * account; metering-service closes the account's gas valves, the simulated meters answer. The resident
     * pays, billing unblocks, the valves open. Then billing goes back to the real time.
     */
    private List<String> arrears(Village village, Billing billing) throws Exception {
        Household household = village.households().stream()
                .filter(h -> h.payer() == Village.Payer.UNPAID && "NONE".equals(h.socialCategory()))
                .filter(h -> billing.invoices().containsKey(h.account())).findFirst().orElse(null);
        if (household == null) {
            return List.of("no unpaid household to follow through dunning");
        }
        String account = household.account();
        String url = local.url(Service.BILLING);
        step("66 days later: billing-service restarted with its clock 66 days ahead (aqkol.clock.offset=P66D)");
        local.configure(Service.BILLING, "aqkol.clock.offset", "P66D").restart(Service.BILLING);
        List<String> lines = new ArrayList<>();
        try {
            JsonNode pass = call("POST", url + "/dunning/runs", operator, null);
            lines.add("dunning pass 66 days on: %d accounts overdue, %d blocked, %d left unblocked as protected"
                    .formatted(pass.path("overdueAccounts").asInt(), pass.path("blocked").asInt(),
                            pass.path("deferred").asInt()));
            out.println("  " + lines.get(0));
            JsonNode status = staffRead(url + "/accounts/" + account, "BILLING; arrears 66 days on");
            lines.add("%s (%s, never paid): %s at stage %s; its valves: %s".formatted(account,
                    household.holder(), status.path("status").asText(), status.path("dunningStage").asText(),
                    valves(household, "CLOSE_VALVE")));
            out.println("  " + lines.get(1));
            long open = call("GET", url + "/me/invoices/" + billing.invoices().get(account).path("id").asText(),
                    residents.get(account), null).path("openTiyn").asLong();
            pay(url, residents.get(account), "demo-arrears-" + account, open, false);
            status = staffRead(url + "/accounts/" + account, "BILLING; arrears paid");
            lines.add("%s pays %s: %s; its valves: %s".formatted(account, kzt(open), status.path("status").asText(),
                    valves(household, "OPEN_VALVE")));
            out.println("  " + lines.get(2));
        } finally {
            step("Back to the real time: billing-service restarted without the offset");
            local.configure(Service.BILLING, "aqkol.clock.offset", "PT0S").restart(Service.BILLING);
        }
        return lines;
    }

    /**
     * Waits until metering-service's latest command to each gas valve of the household's account (in service now:
     * a swapped meter's successor, not the meter it replaced) is {@code command} and answered.
     */
    private String valves(Household household, String command) throws InterruptedException {
        String metering = local.url(Service.METERING);
        List<String> outcomes = new ArrayList<>();
        JsonNode meters = call("GET", metering + "/meters?limit=50&account=" + household.account(), operator, null);
        for (JsonNode meter : meters.path("items")) {
            // arrears close gas only (metering-service's ValveService): water is not cut
            if (!"GAS".equals(meter.path("utility").asText()) || !meter.path("hasValve").asBoolean()
                    || meter.hasNonNull("decommissionedAt")) {
                continue;
            }
            String id = meter.path("id").asText();
            Instant deadline = Instant.now().plusSeconds(30);
            JsonNode latest = JSON.createObjectNode();
            while (Instant.now().isBefore(deadline)) {
                latest = staffRead(metering + "/meters/" + id + "/valve-commands?limit=1", "BILLING; arrears")
                        .path(0);
                if (command.equals(latest.path("command").asText())
                        && !"PENDING".equals(latest.path("status").asText())) {
                    break;
                }
                Thread.sleep(500);
            }
            outcomes.add("%s %s %s, valve %s".formatted(id, latest.path("command").asText("no command"),
                    latest.path("status").asText(), latest.path("valve").asText()));
        }
        return String.join("; ", outcomes);
    }

    /** An operator looks at one resident's invoices, stating why: it lands in the audit chain and their access log. */
    private void staffRead(Village village) {
        String account = village.households().get(0).account();
        send("GET", local.url(Service.BILLING) + "/accounts/" + account + "/invoices", operator, null,
                Map.of("X-Purpose", "COMPLAINT; the resident asked about the bill"));
    }

    // ---------------------------------------------------------------------------------------------- summary

    private void summary(Village village, VillageSettings settings, VillageSimulator.Tally tally, Billing billing,
                         List<String> paymentNotes, String valveLine, List<String> arrears, MqttTestClient dlq,
                         Duration took)
            throws Exception {
        String billingUrl = local.url(Service.BILLING);
        out.printf("%n==================== Smart Aqkol demo: summary (%d s) ====================%n",
                took.toSeconds());

        out.println("\nMetering (metering-service database, aqkol/v1/meters/+/readings):");
        out.printf("  meters registered     %,d%n", count("metering", "select count(*) from meter"));
        out.printf("  readings stored       %,d, of which %,d at a meter's installation or removal (recorded over "
                + "REST); sent over MQTT %,d readings (%,d of them late) and %,d duplicates%n",
                count("metering", "select count(*) from reading"), count("metering", "select count(*) from reading r "
                        + "join meter m on m.id = r.meter_id where r.occurred_at in (m.installed_at, "
                        + "m.decommissioned_at)"), tally.readings(), tally.lateReadings(), tally.duplicates());
        out.printf("  valve meters          %,d%n", count("metering", "select count(*) from meter where has_valve"));
        out.printf("  valve command         %s%n", valveLine);

        out.println("\nCameras (camera-service database, aqkol/v1/cameras/+/events):");
        out.printf("  events stored         %,d on arrival (sent %,d); %,d kept now: camera-service's retention purge "
                + "removed those past their class's retention (a receipt for each purge in its audit chain)%n",
                eventsOnArrival, tally.allEvents(), count("camera", "select count(*) from detection_event"));
        out.printf("  by type               %s%n", groups("camera",
                "select type, count(*) from detection_event group by type order by type"));

        out.printf("  conditions detected   %s (metering-service's meter_condition)%n", groups("metering",
                "select type, string_agg(meter_id, ', ' order by meter_id) from meter_condition where active "
                        + "group by type order by type"));

        out.println("\nAlerts (alert-service GET /alerts, by type):");
        Map<String, String> alerts = alerts();
        if (alerts.isEmpty()) {
            out.println("  none");
        }
        alerts.forEach((type, line) -> out.printf("  %-20s %s%n", type, line));

        out.println("\nBilling:");
        JsonNode run = billing.run();
        out.printf("  bill run %s        %s, outcomes %s%n", settings.billedMonth(), run.path("status").asText(),
                run.path("outcomes"));
        long total = 0;
        for (JsonNode invoice : billing.invoices().values()) {
            total += invoice.path("totalTiyn").asLong();
        }
        out.printf("  invoices              %d, together %s%n", billing.invoices().size(), kzt(total));

        long paid = 0;
        long open = 0;
        Map<String, BigDecimal> quantities = new TreeMap<>();
        int paidInFull = 0;
        for (Household household : village.households()) {
            JsonNode invoice = billing.invoices().get(household.account());
            if (invoice == null) {
                continue;
            }
            JsonNode now = call("GET", billingUrl + "/me/invoices/" + invoice.path("id").asText(),
                    residents.get(household.account()), null);
            for (JsonNode line : now.path("lines")) {
                if (line.path("quantity").isNumber() && line.path("meterId").isTextual()) {
                    quantities.merge(line.path("utility").asText(), line.path("quantity").decimalValue(),
                            BigDecimal::add);
                }
            }
            paid += now.path("settledTiyn").asLong();
            open += now.path("openTiyn").asLong();
            paidInFull += now.path("openTiyn").asLong() == 0 ? 1 : 0;
        }
        out.printf("  billed quantities     %s (the invoices' lines)%n", quantities.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().setScale(1, RoundingMode.HALF_UP).toPlainString())
                .reduce((a, b) -> a + ", " + b).orElse("none"));
        out.printf("  settled / still open  %s / %s; %d of %d invoices paid in full (by wallet auto-pay or payment)%n",
                kzt(paid), kzt(open), paidInFull, billing.invoices().size());
        try (Connection db = local.stack().postgres().connect("billing");
             ResultSet kinds = db.createStatement().executeQuery(
                     "select kind, count(*), sum(amount_tiyn) from payment group by kind order by kind")) {
            while (kinds.next()) {
                out.printf("  %-21s %d, together %s (billing-service's payment table)%n",
                        kinds.getString(1).equals("TOP_UP") ? "wallet top-ups" : "payments",
                        kinds.getLong(2), kzt(kinds.getLong(3)));
            }
        }
        paymentNotes.forEach(note -> out.println("  " + note));
        arrears.forEach(line -> out.println("  " + line));
        JsonNode ledger = call("GET", billingUrl + "/ledger/check", auditor, null);
        out.printf("  ledger check          ok=%s, %d transactions, %d entries, entries sum %d%n",
                ledger.path("ok").asBoolean(), ledger.path("transactions").asLong(), ledger.path("entries").asLong(),
                ledger.path("sumTiyn").asLong());

        out.println("\nAudit chains (GET /audit/verify as auditor):");
        for (Service service : Service.values()) {
            JsonNode verify = call("GET", local.url(service) + "/audit/verify", auditor, null);
            long checked = verify.path("checked").asLong();
            JsonNode external = verify.path("external");
            long checkpoints = external.path("checkpoints").asLong();
            out.printf("  %-16s intact=%s, %d entr%s checked%s, %s%n", service.module(),
                    verify.path("intact").asBoolean(), checked, checked == 1 ? "y" : "ies",
                    verify.path("intact").asBoolean() ? "" : ", first broken " + verify.path("firstBrokenSeq"),
                    "COMPARED".equals(external.path("status").asText())
                            ? "against " + checkpoints + " checkpoint" + (checkpoints == 1 ? "" : "s")
                            + " the other services hold (newest: entry " + external.path("newest").path("headSeq")
                            + ")"
                            : external.path("detail").asText());
        }
        String account = village.households().get(0).account();
        JsonNode accessLog = call("GET", billingUrl + "/me/access-log", residents.get(account), null);
        out.printf("  %s's access log (GET /me/access-log): %d entr%s, the operator's read of their invoices "
                + "with its purpose%n", account, accessLog.path("items").size(),
                accessLog.path("items").size() == 1 ? "y" : "ies");
        out.printf("%nDead letters (aqkol/v1/dlq/+, seen by the demo): %d%n", dlq.receivedCount());
        Map<String, Long> reasons = new TreeMap<>();
        for (MqttTestClient.Received letter : dlq.received()) {
            JsonNode dead = parse(letter.text());
            reasons.merge("%s, from %s: %s".formatted(dead.path("service").asText(), dead.path("topic").asText(),
                    abbreviate(dead.path("reason").asText().replaceAll("\\s+", " "))), 1L, Long::sum);
        }
        reasons.forEach((reason, n) -> out.printf("  %4d x %s%n", n, reason));

        out.println("\nWhere to look next:");
        local.printSummary();
        out.printf("  e.g. curl -H \"Authorization: Bearer $(./aqkol token resident %s)\" %s/me/invoices%n", account,
                billingUrl);
        out.printf("       curl -H \"Authorization: Bearer $(./aqkol token operator)\" %s/alerts%n",
                local.url(Service.ALERT));
    }

    private Map<String, String> alerts() {
        Map<String, List<JsonNode>> byType = new TreeMap<>();
        for (JsonNode alert : allAlerts()) {
            byType.computeIfAbsent(alert.path("type").asText(), t -> new ArrayList<>()).add(alert);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        byType.forEach((type, list) -> {
            long occurrences = list.stream().mapToLong(a -> a.path("occurrences").asLong()).sum();
            String subjects = list.stream().map(a -> a.path("subject").asText()).sorted().limit(4)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            Map<String, Long> statuses = new TreeMap<>();
            list.forEach(a -> statuses.merge(a.path("status").asText(), 1L, Long::sum));
            lines.put(type, "%d alert%s %s, %s, %d signal%s: %s%s".formatted(list.size(),
                    list.size() == 1 ? "" : "s", statuses, list.get(0).path("severity").asText(), occurrences,
                    occurrences == 1 ? "" : "s", subjects, list.size() > 4 ? ", ..." : ""));
        });
        return lines;
    }

    private Map<String, Long> alertTypes() {
        Map<String, Long> types = new TreeMap<>();
        for (JsonNode alert : allAlerts()) {
            types.merge(alert.path("type").asText(), 1L, Long::sum);
        }
        return types;
    }

    private List<JsonNode> allAlerts() {
        List<JsonNode> alerts = new ArrayList<>();
        String before = null;
        do {
            String query = "/alerts?limit=500" + (before == null ? ""
                    : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
            JsonNode page = call("GET", local.url(Service.ALERT) + query, operator, null);
            page.path("items").forEach(alerts::add);
            before = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (before != null);
        return alerts;
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private JsonNode call(String method, String url, String token, JsonNode body) {
        HttpResponse<String> response = send(method, url, token, body, Map.of());
        return response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
    }

    /** The operator reads a resident's data, stating why as staff must. */
    private JsonNode staffRead(String url, String purpose) {
        return parse(send("GET", url, operator, null, Map.of("X-Purpose", purpose)).body());
    }

    private HttpResponse<String> send(String method, String url, String token, JsonNode body,
                                      Map<String, String> headers) {
        try {
            HttpResponse<String> response = ServiceApi.send(method, url, token,
                    body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), headers);
            if (response.statusCode() >= 300) {
                throw CommandFailure.failed("%s %s answered %d: %s%nrequest: %s".formatted(method, url,
                        response.statusCode(), response.body(), body));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        }
    }

    private long count(String database, String sql) throws SQLException {
        try (Connection db = local.stack().postgres().connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection db = local.stack().postgres().connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    private String groups(String database, String sql) throws SQLException {
        Map<String, String> groups = new LinkedHashMap<>();
        try (Connection db = local.stack().postgres().connect(database);
             ResultSet result = db.createStatement().executeQuery(sql)) {
            while (result.next()) {
                groups.put(result.getString(1), result.getString(2));
            }
        }
        return groups.isEmpty() ? "none" : groups.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private void step(String format, Object... arguments) {
        out.printf("%n%s " + format + "%n", Stream.concat(Stream.of(
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now())),
                Stream.of(arguments)).toArray());
    }

    private static String day(Instant instant, VillageSettings settings) {
        return LocalDate.ofInstant(instant, settings.zone()).toString();
    }

    private static String kzt(long tiyn) {
        return String.format(Locale.ROOT, "%,d.%02d KZT", tiyn / 100, Math.abs(tiyn % 100));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /**
     * The demo starts from nothing each time: its database and broker data go, the dev key stays the one
     * {@code ./aqkol token} signs with, so that the tokens it prints work against the demo's services.
     */
    private void freshHome(Path demoHome) throws IOException {
        for (String folder : List.of("postgres", "mqtt", "logs")) {
            Path path = demoHome.resolve(folder);
            if (Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
        DevKeys keys = DevKeys.in(home.resolve("jwt"));
        Path demoKeys = Files.createDirectories(demoHome.resolve("jwt"));
        for (String file : List.of("private.pem", "public.pem")) {
            Files.copy(keys.publicKeyFile().resolveSibling(file), demoKeys.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, String> options(List<String> arguments) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--exit" -> options.put("exit", "true");
                case "--seed", "--households", "--cameras" -> {
                    if (i + 1 >= arguments.size() || !arguments.get(i + 1).matches("\\d{1,9}")) {
                        throw CommandFailure.usage(argument + " needs a number");
                    }
                    options.put(argument.substring(2), arguments.get(++i));
                }
                default -> throw CommandFailure.usage("unknown option '" + argument
                        + "'; usage: ./aqkol demo [--seed N] [--households N] [--cameras N] [--exit]");
            }
        }
        return options;
    }
}
