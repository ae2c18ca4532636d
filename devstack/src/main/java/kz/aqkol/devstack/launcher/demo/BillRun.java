package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.simulator.Village.Household;

/** The operator bills the month (POST /bill-runs), follows the run, then each resident finds their invoice. */
final class BillRun implements Step {

    @Override
    public void run(Story story) throws InterruptedException {
        DemoApi api = story.api;
        String billing = api.url(Service.BILLING);
        String period = story.settings.billedMonth().toString();
        story.chapter("Bill run for %s: POST /bill-runs", story.settings.billedMonth());
        caughtUp(story);
        JsonNode run = api.call("POST", billing + "/bill-runs", api.operator,
                DemoApi.JSON.createObjectNode().put("period", period));
        String id = run.path("id").asText();
        story.out.printf("  run %s accepted%n", id);
        long processed = 0;
        while ("RUNNING".equals(run.path("status").asText())) {
            Thread.sleep(1_000);
            run = api.call("GET", billing + "/bill-runs/" + id, api.operator, null);
            if (run.path("processed").asLong() != processed) {
                processed = run.path("processed").asLong();
                story.out.printf("  %s, %d of %d accounts processed%n", run.path("status").asText(), processed,
                        story.village.households().size());
            }
        }
        story.out.printf("  %s: outcomes %s%s%n", run.path("status").asText(), run.path("outcomes"),
                run.path("pending").isEmpty() ? "" : ", pending " + run.path("pending"));
        Map<String, JsonNode> invoices = new LinkedHashMap<>();
        for (Household household : story.village.households()) {
            JsonNode page = api.call("GET", billing + "/me/invoices?limit=10", api.resident(household.account()),
                    null);
            for (JsonNode invoice : page.path("items")) {
                if (period.equals(invoice.path("period").asText())
                        && "INVOICE".equals(invoice.path("kind").asText())) {
                    invoices.put(household.account(), invoice);
                }
            }
        }
        story.billing = new Story.Billing(run, invoices);
    }

    /**
     * Waits until billing's copy of the meter histories (fed by metering-service over the broker) has every change
     * metering-service made: the sum of the histories' versions is the same on both sides.
     */
    private static void caughtUp(Story story) throws InterruptedException {
        String versions = "select coalesce(sum(assignment_version), 0) from meter";
        String copied = "select coalesce(sum(version), 0) from meter_assignment_version";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        try {
            long owned = story.databases.count("metering", versions);
            long seen = story.databases.count("billing", copied);
            while (seen < owned && System.nanoTime() < deadline) {
                Thread.sleep(500);
                owned = story.databases.count("metering", versions);
                seen = story.databases.count("billing", copied);
            }
            story.out.printf("  billing's copy of the meter histories: %,d of %,d changes%n", seen, owned);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot compare the meter histories", e);
        }
    }
}
