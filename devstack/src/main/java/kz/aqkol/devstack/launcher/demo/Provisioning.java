package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import kz.aqkol.devstack.launcher.Service;
import kz.aqkol.devstack.simulator.Village;
import kz.aqkol.devstack.simulator.Village.Household;
import kz.aqkol.devstack.simulator.Village.Meter;

/**
 * The operator sets the village up over REST: camera zones and cameras, every household's meters, a tariff per
 * utility and an account per household; the auto-paying households turn auto-pay on and top their wallets up.
 */
final class Provisioning implements Step {

    private static final long TOP_UP_TIYN = 3_000_000; // 30,000 KZT in the wallet of an auto-paying household

    @Override
    public void run(Story story) {
        Village village = story.village;
        DemoApi api = story.api;
        story.chapter("Provisioning over REST: %d zones, %d cameras, %d meters, 4 tariffs, %d accounts",
                village.zones().size(), village.cameras().size(), village.meters().size(),
                village.households().size());
        String camera = api.url(Service.CAMERA);
        for (Village.Zone zone : village.zones()) {
            ObjectNode body = DemoApi.JSON.createObjectNode().put("id", zone.id()).put("name", zone.name())
                    .put("privacyClass", zone.privacyClass());
            if (zone.restrictedFrom() != null) {
                body.put("restrictedFrom", zone.restrictedFrom().toString())
                        .put("restrictedUntil", zone.restrictedUntil().toString());
            }
            api.call("POST", camera + "/zones", api.operator, body);
        }
        for (Village.Camera cam : village.cameras()) {
            api.call("POST", camera + "/cameras", api.operator, DemoApi.JSON.createObjectNode().put("id", cam.id())
                    .put("name", cam.name()).put("location", cam.name()).put("zone", cam.zone())
                    .put("kind", cam.kind()).put("latitude", cam.latitude()).put("longitude", cam.longitude()));
        }
        String metering = api.url(Service.METERING);
        for (Household household : village.households()) {
            for (Meter meter : household.meters()) {
                api.call("POST", metering + "/meters", api.operator, meterBody(meter.id(), meter, household,
                        meter.registerDigits(), meter.initialRegister().toPlainString(), story.settings.from()));
            }
        }
        String billing = api.url(Service.BILLING);
        String from = story.settings.billedMonth().atDay(1).toString();
        tariff(api, "GAS", from, "M3", 30_000, "[{\"upTo\":50,\"priceTiyn\":2800},{\"priceTiyn\":3600}]");
        tariff(api, "WATER", from, "M3", 20_000, "[{\"priceTiyn\":11000}]");
        tariff(api, "ELECTRICITY", from, "KWH", 0,
                "[{\"upTo\":150,\"priceTiyn\":2200},{\"upTo\":300,\"priceTiyn\":2900},{\"priceTiyn\":3600}]");
        tariff(api, "HEAT", from, "GCAL", 50_000, "[{\"priceTiyn\":650000}]");
        for (Household household : village.households()) {
            // no meters here: metering-service said which meters are the household's when they were registered
            ObjectNode body = DemoApi.JSON.createObjectNode().put("number", household.account())
                    .put("holder", household.holder()).put("address", household.address())
                    .put("zone", household.zone()).put("socialCategory", household.socialCategory());
            api.call("POST", billing + "/accounts", api.operator, body);
            if (household.payer() == Village.Payer.AUTO_PAY) {
                api.call("PUT", billing + "/me/account/auto-pay", api.resident(household.account()),
                        DemoApi.JSON.createObjectNode().put("enabled", true));
                api.pay(household.account(), "demo-top-up-" + household.account(), TOP_UP_TIYN, true);
            }
        }
        long autoPay = village.households().stream().filter(h -> h.payer() == Village.Payer.AUTO_PAY).count();
        story.out.printf("  done; %d households turned auto-pay on and topped their wallets up with %s each%n",
                autoPay, Story.kzt(TOP_UP_TIYN));
    }

    /** What metering-service is told of a meter, whether installed at the start or as a swapped meter's successor. */
    static ObjectNode meterBody(String id, Meter meter, Household household, int digits, String initial,
                                Instant installedAt) {
        return DemoApi.JSON.createObjectNode().put("id", id).put("utility", meter.utility().name())
                .put("unit", meter.utility().unit().name()).put("registerDigits", digits)
                .put("hasValve", meter.hasValve()).put("zone", household.zone())
                .put("accountNumber", household.account()).put("installedAt", installedAt.toString())
                .put("initialRegister", new BigDecimal(initial));
    }

    private static void tariff(DemoApi api, String utility, String from, String unit, long standing, String blocks) {
        ObjectNode body = DemoApi.JSON.createObjectNode().put("utility", utility).put("effectiveFrom", from)
                .put("unit", unit).put("standingChargeTiyn", standing)
                .put("reason", "Demo village tariff (illustrative prices)");
        body.set("blocks", DemoApi.parse(blocks));
        body.set("discounts", DemoApi.JSON.createObjectNode().put("PENSIONER", 20));
        api.call("POST", api.url(Service.BILLING) + "/tariffs", api.operator, body);
    }
}
