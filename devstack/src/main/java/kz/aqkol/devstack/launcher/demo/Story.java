package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import kz.aqkol.devstack.simulator.Village;
import kz.aqkol.devstack.simulator.VillageSettings;
import kz.aqkol.devstack.simulator.VillageSimulator;

/**
 * What the steps share: the village, the services (their APIs, and their databases' counts), and what each step
 * found out that a later step or the report needs.
 */
final class Story {

    final Village village;
    final VillageSettings settings;
    final DemoApi api;
    final ServiceDatabases databases;
    final PrintStream out;

    VillageSimulator.Tally tally;
    long eventsOnArrival;
    String valveLine;
    String purgeLine = "not run";
    Billing billing;
    List<String> paymentNotes = List.of();
    List<String> arrears = List.of();

    /** The bill run's final state, and each account's invoice for the billed month. */
    record Billing(JsonNode run, Map<String, JsonNode> invoices) {
    }

    Story(Village village, VillageSettings settings, DemoApi api, ServiceDatabases databases, PrintStream out) {
        this.village = village;
        this.settings = settings;
        this.api = api;
        this.databases = databases;
        this.out = out;
    }

    /** A chapter's heading, with the wall-clock time it began. */
    void chapter(String format, Object... arguments) {
        chapter(out, format, arguments);
    }

    static void chapter(PrintStream out, String format, Object... arguments) {
        out.printf("%n%s " + format + "%n", Stream.concat(Stream.of(
                DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now())),
                Stream.of(arguments)).toArray());
    }

    /** The village's date of an instant. */
    String day(Instant instant) {
        return LocalDate.ofInstant(instant, settings.zone()).toString();
    }

    static String kzt(long tiyn) {
        return String.format(Locale.ROOT, "%,d.%02d KZT", tiyn / 100, Math.abs(tiyn % 100));
    }
}
