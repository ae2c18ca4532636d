package kz.aqkol.devstack.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import kz.aqkol.devstack.DevKeys;
import kz.aqkol.devstack.DevTokens;
import kz.aqkol.devstack.launcher.demo.Demo;

/**
 * The local launcher behind {@code ./aqkol}: one command brings up the whole platform on a machine that has only a
 * JDK, another prints a token to call it with. The script runs it from the repository root, where the services'
 * jars and the local data folder {@code .aqkol/} are.
 */
public final class Aqkol {

    private static final String USAGE = """
            Usage: ./aqkol COMMAND

              up [--replicas N]      start the MQTT broker, PostgreSQL and the four services, in the foreground
                                     until Ctrl-C; data is kept in .aqkol/ between runs. With N (1 to %d,
                                     default 1) each service runs as N processes sharing its database and
                                     MQTT share group, replica k on the service's port + 100*(k-1)
                                     (8181-8184 for the second); one portal, which calls replica 1
              demo [--seed N] [--households N] [--cameras N] [--exit]
                                     a fresh village in .aqkol/demo/: starts everything like up, provisions
                                     HOUSEHOLDS (default 24) households and CAMERAS (default 6) cameras, sends
                                     last month and this month so far over MQTT, bills last month, has the
                                     residents pay, prints a summary from the services' answers; then runs
                                     until Ctrl-C (or stops, with --exit)
              token ROLE [SUBJECT]   print a dev JWT, valid 12 h, for ROLE: %s
                                     (SUBJECT: AQ-0001 for resident, dev-ROLE otherwise)
              bench ingest [READINGS] [METERS]
                                     READINGS (default 200000) QoS 1 readings from METERS (default 10000) meters
                                     through a real broker into one metering-service replica, then as many into
                                     two; prints each rate, lag and split, and the broker's and PostgreSQL's
                                     ceilings
              bench alerts [ALERTS] [CONDITIONS]
                                     ALERTS (default 200000) QoS 1 alerts about CONDITIONS (default 1000)
                                     conditions into alert-service; prints the rate and publish-to-webhook time
              bench faults [READINGS] [RATE] [FUZZED]
                                     a fresh stack on free ports takes streams of READINGS (default 30000)
                                     readings while metering-service is killed, the broker restarted and
                                     PostgreSQL stopped for 10 s (RATE readings/s, default 2000); then FUZZED
                                     (default 10000) malformed MQTT payloads and as many HTTP bodies; prints
                                     sent, stored, lost, doubled and how each input was refused
              bench billing [ACCOUNTS] [RATE] [SECONDS]
                                     a fresh stack on free ports; ACCOUNTS (default 100000) households with a
                                     gas meter and a month of hourly readings, loaded with COPY; prints the bill
                                     run of that month (metering-service computing every consumption) and
                                     GET /me/invoices at RATE (default 2000) requests/s for SECONDS (default 30)
              help                   show this text

            Environment:
              AQKOL_CAMERA_PORT, AQKOL_METERING_PORT, AQKOL_BILLING_PORT, AQKOL_ALERT_PORT
                                     the services' HTTP ports (default 8081, 8082, 8083, 8084); the
                                     replicas' ports move with them
              AQKOL_MQTT_PORT, AQKOL_PG_PORT
                                     the embedded broker's and PostgreSQL's ports (default 11883, 15432)
              AQKOL_PAYMENTS_PORT    the payment sandbox's port (default 8090)
              AQKOL_PORTAL_PORT      the portal's port (default 8080)
              AQKOL_MQTT_URL, AQKOL_PG_URL
                                     use existing servers instead, e.g. tcp://127.0.0.1:1883 and
                                     postgresql://postgres@127.0.0.1:5432 (a password goes in PGPASSWORD)
            """.formatted(Replica.MAX, Role.names());

    private Aqkol() {
    }

    public static void main(String[] args) {
        // What the operator reads are the launcher's own lines (the services log to .aqkol/logs/); the embedded
        // PostgreSQL, broker and MQTT clients log through SLF4J and java.util.logging, and stay silent here
        Logger.getLogger("").setLevel(Level.OFF);
        Path root = Path.of("").toAbsolutePath();
        Path home = root.resolve(".aqkol");
        String command = args.length == 0 ? "help" : args[0];
        List<String> arguments = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "up" -> new LocalStack(root, home, replicas(arguments)).up();
                case "token" -> printToken(home, arguments);
                case "demo" -> {
                    new Demo(root, home, arguments).run();
                    System.exit(0); // --exit, or the stack was stopped; the shutdown hook stops what demo started
                }
                case "bench" -> {
                    bench(root, home.resolve("bench"), arguments);
                    System.exit(0); // the MQTT clients' shared Vert.x threads would keep this JVM alive
                }
                case "help", "-h", "--help" -> System.out.print(USAGE);
                default -> throw CommandFailure.usage("unknown command '" + command + "'; ./aqkol help lists them");
            }
        } catch (CommandFailure e) {
            e.getMessage().lines().forEach(line -> System.err.println("aqkol: " + line));
            System.exit(e.exitCode());
        } catch (Exception e) {
            // exit explicitly: the broker's threads would otherwise keep this JVM, and what it started, alive
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Signs with the key in .aqkol/jwt, the one {@code up} gives the services; starts nothing. */
    private static void printToken(Path home, List<String> arguments) {
        if (arguments.isEmpty() || arguments.size() > 2) {
            throw CommandFailure.usage("usage: ./aqkol token ROLE [SUBJECT], ROLE one of " + Role.names());
        }
        Role role = Role.named(arguments.get(0));
        String subject = arguments.size() == 2 ? arguments.get(1) : role.defaultSubject();
        if (subject.isBlank()) {
            throw CommandFailure.usage("SUBJECT must not be blank");
        }
        DevTokens tokens = new DevTokens(DevKeys.in(home.resolve("jwt")));
        System.out.println(role.token(tokens, subject));
    }

    private static void bench(Path root, Path home, List<String> arguments) throws Exception {
        String which = arguments.isEmpty() ? "" : arguments.get(0);
        List<String> numbers = arguments.subList(Math.min(1, arguments.size()), arguments.size());
        switch (which) {
            case "ingest" -> new IngestBenchmark(root, home, number(numbers, 1, 10_000),
                    number(numbers, 0, 200_000)).run();
            case "alerts" -> new AlertBenchmark(root, home, number(numbers, 0, 200_000),
                    number(numbers, 1, 1_000)).run();
            case "faults" -> new FaultDrill(root, home.resolve("faults"), number(numbers, 0, 30_000),
                    number(numbers, 1, 2_000), number(numbers, 2, 10_000)).run();
            case "billing" -> new BillingBenchmark(root, home.resolve("billing"), number(numbers, 0, 100_000),
                    number(numbers, 1, 2_000), number(numbers, 2, 30)).run();
            default -> throw CommandFailure.usage("usage: ./aqkol bench ingest|alerts [COUNT] [DISTINCT], "
                    + "./aqkol bench faults [READINGS] [RATE] [FUZZED], or ./aqkol bench billing [ACCOUNTS] [RATE] "
                    + "[SECONDS]");
        }
    }

    private static int number(List<String> arguments, int index, int otherwise) {
        if (arguments.size() <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(arguments.get(index));
        } catch (NumberFormatException e) {
            throw CommandFailure.usage("not a number: " + arguments.get(index));
        }
    }

    /** {@code up}'s one option: {@code --replicas N} or {@code --replicas=N}; 1 without it. */
    private static int replicas(List<String> arguments) {
        List<String> option = arguments.size() == 1 && arguments.get(0).startsWith("--replicas=")
                ? List.of("--replicas", arguments.get(0).substring("--replicas=".length())) : arguments;
        if (option.isEmpty()) {
            return 1;
        }
        if (option.size() != 2 || !option.get(0).equals("--replicas")) {
            throw CommandFailure.usage("usage: ./aqkol up [--replicas N], got " + String.join(" ", arguments));
        }
        int replicas = number(option, 1, 1);
        if (replicas < 1 || replicas > Replica.MAX) {
            throw CommandFailure.usage("--replicas takes 1 to " + Replica.MAX + ", not " + replicas);
        }
        return replicas;
    }
}
