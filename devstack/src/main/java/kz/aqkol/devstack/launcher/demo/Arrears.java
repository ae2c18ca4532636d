package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.devstack.launcher.LocalStack;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.simulator.Village;
import kz.aqkol.devstack.simulator.Village.Household;

/**
 * The unpaid household's story, 66 days after the bill: billing-service is restarted with its clock that far
 * ahead ({@code aqkol.clock.offset}), so its dunning pass finds the invoice 46 days past due and blocks the
 * account; metering-service closes the account's gas valves, the simulated meters answer. The resident
 * pays, billing unblocks, the valves open. Then billing goes back to the real time.
 */
final class Arrears implements Step {

    private final LocalStack local;

    Arrears(LocalStack local) {
        this.local = local;
    }

    @Override
    public void run(Story story) throws Exception {
        Story.Billing billing = story.billing;
        Household household = story.village.households().stream()
                .filter(h -> h.payer() == Village.Payer.UNPAID && "NONE".equals(h.socialCategory()))
                .filter(h -> billing.invoices().containsKey(h.account())).findFirst().orElse(null);
        if (household == null) {
            story.arrears = List.of("no unpaid household to follow through dunning");
            return;
        }
        DemoApi api = story.api;
        String account = household.account();
        String url = api.url(Service.BILLING);
        story.chapter("66 days later: billing-service restarted with its clock 66 days ahead "
                + "(aqkol.clock.offset=P66D)");
        local.configure(Service.BILLING, "aqkol.clock.offset", "P66D").restart(Service.BILLING);
        List<String> lines = new ArrayList<>();
        try {
            JsonNode pass = api.call("POST", url + "/dunning/runs", api.operator, null);
            lines.add("dunning pass 66 days on: %d accounts overdue, %d blocked, %d left unblocked as protected"
                    .formatted(pass.path("overdueAccounts").asInt(), pass.path("blocked").asInt(),
                            pass.path("deferred").asInt()));
            story.out.println("  " + lines.get(0));
            JsonNode status = api.staffRead(url + "/accounts/" + account, "BILLING; arrears 66 days on");
            lines.add("%s (%s, never paid): %s at stage %s; its valves: %s".formatted(account,
                    household.holder(), status.path("status").asText(), status.path("dunningStage").asText(),
                    valves(api, household, "CLOSE_VALVE")));
            story.out.println("  " + lines.get(1));
            long open = api.call("GET", url + "/me/invoices/" + billing.invoices().get(account).path("id").asText(),
                    api.resident(account), null).path("openTiyn").asLong();
            api.pay(account, "demo-arrears-" + account, open, false);
            status = api.staffRead(url + "/accounts/" + account, "BILLING; arrears paid");
            lines.add("%s pays %s: %s; its valves: %s".formatted(account, Story.kzt(open),
                    status.path("status").asText(), valves(api, household, "OPEN_VALVE")));
            story.out.println("  " + lines.get(2));
        } finally {
            story.chapter("Back to the real time: billing-service restarted without the offset");
            local.configure(Service.BILLING, "aqkol.clock.offset", "PT0S").restart(Service.BILLING);
        }
        story.arrears = lines;
    }

    /**
     * Waits until metering-service's latest command to each gas valve of the household's account (in service now:
     * a swapped meter's successor, not the meter it replaced) is {@code command} and answered.
     */
    private static String valves(DemoApi api, Household household, String command) throws InterruptedException {
        String metering = api.url(Service.METERING);
        List<String> outcomes = new ArrayList<>();
        JsonNode meters = api.call("GET", metering + "/meters?limit=50&account=" + household.account(), api.operator,
                null);
        for (JsonNode meter : meters.path("items")) {
            // arrears close gas only (metering-service's ValveService): water is not cut
            if (!"GAS".equals(meter.path("utility").asText()) || !meter.path("hasValve").asBoolean()
                    || meter.hasNonNull("decommissionedAt")) {
                continue;
            }
            String id = meter.path("id").asText();
            Instant deadline = Instant.now().plusSeconds(30);
            JsonNode latest = DemoApi.JSON.createObjectNode();
            while (Instant.now().isBefore(deadline)) {
                latest = api.staffRead(metering + "/meters/" + id + "/valve-commands?limit=1", "BILLING; arrears")
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
}
