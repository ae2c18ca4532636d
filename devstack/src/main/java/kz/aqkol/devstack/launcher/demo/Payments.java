package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.devstack.simulator.Village.Household;

/**
 * Each household pays as its plan says, through the payment sandbox: most in full, some half, one not at all. One
 * payment is sent twice with the same Idempotency-Key to show the replay.
 */
final class Payments implements Step {

    @Override
    public void run(Story story) {
        story.chapter("Residents pay: POST /me/payments with an Idempotency-Key each opens a checkout at the payment "
                + "sandbox, the payer confirms it there, and the sandbox's signed callback credits the account");
        List<String> notes = new ArrayList<>();
        boolean replayShown = false;
        for (Household household : story.village.households()) {
            JsonNode invoice = story.billing.invoices().get(household.account());
            if (invoice == null) {
                continue;
            }
            long open = invoice.path("openTiyn").asLong();
            String account = household.account();
            String key = "demo-" + account + "-" + story.settings.billedMonth();
            switch (household.payer()) {
                case PAYS_IN_FULL -> {
                    if (open > 0) {
                        story.api.pay(account, key, open, false);
                        if (!replayShown) {
                            HttpResponse<String> again = story.api.pay(account, key, open, false);
                            notes.add(("%s paid %s twice with Idempotency-Key %s: second answer %d, "
                                    + "Idempotent-Replayed: %s")
                                    .formatted(account, Story.kzt(open), key, again.statusCode(),
                                            again.headers().firstValue("Idempotent-Replayed").orElse("absent")));
                            replayShown = true;
                        }
                    }
                }
                case PAYS_PART -> {
                    if (open > 1) {
                        story.api.pay(account, key, open / 2, false);
                    }
                }
                default -> {
                }
            }
        }
        story.paymentNotes = notes;
    }
}
