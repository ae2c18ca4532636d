package kz.aqkol.devstack.launcher.demo;

import java.util.Map;
import kz.aqkol.devstack.launcher.Service;

/** An operator looks at one resident's invoices, stating why: it lands in the audit chain and their access log. */
final class StaffRead implements Step {

    @Override
    public void run(Story story) {
        String account = story.village.households().get(0).account();
        story.api.send("GET", story.api.url(Service.BILLING) + "/accounts/" + account + "/invoices",
                story.api.operator, null, Map.of("X-Purpose", "COMPLAINT; the resident asked about the bill"));
    }
}
