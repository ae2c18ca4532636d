package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.aqkol.devstack.MqttTestClient;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.simulator.Village.Household;

/**
 * The demo's summary: every figure a service's answer or a count in its database, a section per service, then the
 * dead letters the demo saw and where to look next.
 */
final class Report {

    private final Story story;
    private final DemoApi api;
    private final ServiceDatabases databases;
    private final PrintStream out;
    private final MqttTestClient deadLetters;
    private final LocalStack local;

    Report(Story story, MqttTestClient deadLetters, LocalStack local) {
        this.story = story;
        this.api = story.api;
        this.databases = story.databases;
        this.out = story.out;
        this.deadLetters = deadLetters;
        this.local = local;
    }

    void print(Duration took) throws Exception {
        out.printf("%n==================== Smart Aqkol demo: summary (%d s) ====================%n",
                took.toSeconds());
        metering();
        cameras();
        alerts();
        billing();
        auditChains();
        deadLetters();
        whereNext();
    }

    private void metering() throws Exception {
        out.println("\nMetering (metering-service database, aqkol/v1/meters/+/readings):");
        out.printf("  meters registered     %,d%n", databases.count("metering", "select count(*) from meter"));
        out.printf("  readings stored       %,d, of which %,d at a meter's installation or removal (recorded over "
                + "REST); sent over MQTT %,d readings (%,d of them late) and %,d duplicates%n",
                databases.count("metering", "select count(*) from reading"),
                databases.count("metering", "select count(*) from reading r join meter m on m.id = r.meter_id "
                        + "where r.occurred_at in (m.installed_at, m.decommissioned_at)"),
                story.tally.readings(), story.tally.lateReadings(), story.tally.duplicates());
        out.printf("  valve meters          %,d%n",
                databases.count("metering", "select count(*) from meter where has_valve"));
        out.printf("  valve command         %s%n", story.valveLine);
    }

    private void cameras() throws Exception {
        out.println("\nCameras (camera-service database, aqkol/v1/cameras/+/events):");
        out.printf("  events stored         %,d on arrival (sent %,d); %,d kept after the retention purge (its receipt "
                + "in the audit chain)%n", story.eventsOnArrival, story.tally.allEvents(),
                databases.count("camera", "select count(*) from detection_event"));
        out.printf("  retention purge       %s%n", story.purgeLine);
        out.printf("  by type               %s%n", databases.groups("camera",
                "select type, count(*) from detection_event group by type order by type"));
        out.printf("  conditions detected   %s (metering-service's meter_condition)%n", databases.groups("metering",
                "select type, string_agg(meter_id, ', ' order by meter_id) from meter_condition where active "
                        + "group by type order by type"));
    }

    /** alert-service's alerts by type: how many, their statuses, severity, signals and the first subjects. */
    private void alerts() {
        out.println("\nAlerts (alert-service GET /alerts, by type):");
        Map<String, List<JsonNode>> byType = new TreeMap<>();
        for (JsonNode alert : api.alerts()) {
            byType.computeIfAbsent(alert.path("type").asText(), t -> new ArrayList<>()).add(alert);
        }
        if (byType.isEmpty()) {
            out.println("  none");
        }
        byType.forEach((type, list) -> {
            long occurrences = list.stream().mapToLong(a -> a.path("occurrences").asLong()).sum();
            String subjects = list.stream().map(a -> a.path("subject").asText()).sorted().limit(4)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            Map<String, Long> statuses = new TreeMap<>();
            list.forEach(a -> statuses.merge(a.path("status").asText(), 1L, Long::sum));
            out.printf("  %-20s %s%n", type, "%d alert%s %s, %s, %d signal%s: %s%s".formatted(list.size(),
                    list.size() == 1 ? "" : "s", statuses, list.get(0).path("severity").asText(), occurrences,
                    occurrences == 1 ? "" : "s", subjects, list.size() > 4 ? ", ..." : ""));
        });
    }

    private void billing() throws Exception {
        out.println("\nBilling:");
        Story.Billing billing = story.billing;
        JsonNode run = billing.run();
        out.printf("  bill run %s        %s, outcomes %s%n", story.settings.billedMonth(),
                run.path("status").asText(), run.path("outcomes"));
        long total = 0;
        for (JsonNode invoice : billing.invoices().values()) {
            total += invoice.path("totalTiyn").asLong();
        }
        out.printf("  invoices              %d, together %s%n", billing.invoices().size(), Story.kzt(total));
        invoicesNow(billing);
        for (List<String> kind : databases.rows("billing",
                "select kind, count(*), sum(amount_tiyn) from payment group by kind order by kind")) {
            out.printf("  %-21s %d, together %s (billing-service's payment table)%n",
                    kind.get(0).equals("TOP_UP") ? "wallet top-ups" : "payments",
                    Long.parseLong(kind.get(1)), Story.kzt(Long.parseLong(kind.get(2))));
        }
        story.paymentNotes.forEach(note -> out.println("  " + note));
        story.arrears.forEach(line -> out.println("  " + line));
        JsonNode ledger = api.call("GET", api.url(Service.BILLING) + "/ledger/check", api.auditor, null);
        out.printf("  ledger check          ok=%s, %d transactions, %d entries, entries sum %d%n",
                ledger.path("ok").asBoolean(), ledger.path("transactions").asLong(), ledger.path("entries").asLong(),
                ledger.path("sumTiyn").asLong());
    }

    /** The invoices as their residents see them now: billed quantities, what is settled and what is still open. */
    private void invoicesNow(Story.Billing billing) {
        long paid = 0;
        long open = 0;
        Map<String, BigDecimal> quantities = new TreeMap<>();
        int paidInFull = 0;
        for (Household household : story.village.households()) {
            JsonNode invoice = billing.invoices().get(household.account());
            if (invoice == null) {
                continue;
            }
            JsonNode now = api.call("GET", api.url(Service.BILLING) + "/me/invoices/" + invoice.path("id").asText(),
                    api.resident(household.account()), null);
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
                Story.kzt(paid), Story.kzt(open), paidInFull, billing.invoices().size());
    }

    private void auditChains() {
        out.println("\nAudit chains (GET /audit/verify as auditor):");
        for (Service service : Service.values()) {
            JsonNode verify = api.call("GET", api.url(service) + "/audit/verify", api.auditor, null);
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
        String account = firstAccount();
        JsonNode accessLog = api.call("GET", api.url(Service.BILLING) + "/me/access-log", api.resident(account), null);
        out.printf("  %s's access log (GET /me/access-log): %d entr%s, the operator's read of their invoices "
                + "with its purpose%n", account, accessLog.path("items").size(),
                accessLog.path("items").size() == 1 ? "y" : "ies");
    }

    private void deadLetters() {
        out.printf("%nDead letters (aqkol/v1/dlq/+, seen by the demo): %d%n", deadLetters.receivedCount());
        Map<String, Long> reasons = new TreeMap<>();
        for (MqttTestClient.Received letter : deadLetters.received()) {
            JsonNode dead = DemoApi.parse(letter.text());
            reasons.merge("%s, from %s: %s".formatted(dead.path("service").asText(), dead.path("topic").asText(),
                    abbreviate(dead.path("reason").asText().replaceAll("\\s+", " "))), 1L, Long::sum);
        }
        reasons.forEach((reason, n) -> out.printf("  %4d x %s%n", n, reason));
    }

    private void whereNext() {
        out.println("\nWhere to look next:");
        local.printSummary();
        out.printf("  e.g. curl -H \"Authorization: Bearer $(./aqkol token resident %s)\" %s/me/invoices%n",
                firstAccount(), api.url(Service.BILLING));
        out.printf("       curl -H \"Authorization: Bearer $(./aqkol token operator)\" %s/alerts%n",
                api.url(Service.ALERT));
    }

    private String firstAccount() {
        return story.village.households().get(0).account();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
