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
}
