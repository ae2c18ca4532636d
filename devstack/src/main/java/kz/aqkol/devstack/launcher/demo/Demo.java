package kz.aqkol.devstack.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevStack;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.CommandFailure;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.simulator.Village;
import kz.aqkol.devstack.simulator.VillageSettings;
import kz.aqkol.devstack.simulator.VillageSimulator;

/**
 * {@code ./aqkol demo}: the whole village, end to end, on a fresh stack in {@code .aqkol/demo/}. Starts everything
 * like {@code up}, then tells the village's story in steps: provisions it over REST ({@link Provisioning}), sends
 * last month and this month so far over MQTT in minutes ({@link VillageRun}), waits until the services have taken
 * it all in ({@link Ingest}, {@link Detections}), closes a leaking valve ({@link LeakValve}), bills last month
 * ({@link BillRun}), lets the residents pay ({@link Payments}), follows the unpaid household through dunning
 * ({@link Arrears}) and reads one resident's invoices as staff ({@link StaffRead}); then prints the
 * {@link Report}.
 */
public final class Demo {

    private final Path root;
    private final Path home;
    private final long seed;
    private final int households;
    private final int cameras;
    private final boolean exit;
    private final PrintStream out = System.out;

    public Demo(Path root, Path home, List<String> arguments) {
        this.root = root;
        this.home = home;
        Map<String, String> options = options(arguments);
        this.seed = Long.parseLong(options.getOrDefault("seed", "2026"));
        this.households = Integer.parseInt(options.getOrDefault("households", "24"));
        this.cameras = Integer.parseInt(options.getOrDefault("cameras", "6"));
        this.exit = options.containsKey("exit");
    }

    public void run() throws Exception {
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
        LocalStack local = new LocalStack(root, demoHome);
        if (!local.startAll()) {
            return;
        }
        out.printf("All services ready after %d s.%n", Duration.between(begin, Instant.now()).toSeconds());
        DevStack stack = local.stack();
        Story story = new Story(village, settings, new DemoApi(local, village),
                new ServiceDatabases(stack.postgres()), out);
        new Provisioning().run(story);
        try (MqttTestClient dlq = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                "aqkol-demo-dlq-watch").subscribe(Topics.DEAD_LETTERS);
             MqttTestClient devices = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                     "aqkol-demo-village");
             MqttTestClient valves = MqttTestClient.connect(stack.broker().host(), stack.broker().port(),
                     "aqkol-demo-valves").subscribe(Topics.METER_COMMANDS)) {
            VillageSimulator simulator = new VillageSimulator(village).recordingTo(local.footageRecorder()::store);
            ScheduledExecutorService deviceLoop = VillageDevices.start(simulator, devices, valves, out);
            try {
                List<Step> steps = List.of(new VillageRun(simulator, devices), new Ingest(), new Detections(dlq),
                        new FootagePurge(local.footageRecorder()),
                        new LeakValve(), new BillRun(), new Payments(), new Arrears(local), new StaffRead());
                for (Step step : steps) {
                    step.run(story);
                }
                new Report(story, dlq, local).print(Duration.between(begin, Instant.now()));
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
