package kz.aqkol.devstack.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import kz.aqkol.contracts.Topics;
import kz.aqkol.devstack.launcher.Service;

/**
 * What an operator does about a leak: closes the meter's valve. metering-service sends the command over MQTT, the
 * simulated meter answers it, and metering records the outcome.
 */
final class LeakValve implements Step {

    @Override
    public void run(Story story) throws Exception {
        String meter = story.databases.text("metering",
                "select min(meter_id) from meter_condition where active and type = 'LEAK'");
        if (meter == null) {
            story.valveLine = "none sent: metering-service detected no leak";
            return;
        }
        DemoApi api = story.api;
        String metering = api.url(Service.METERING);
        story.chapter("The operator closes the valve of leaking meter %s: POST /meters/%s/valve-commands", meter,
                meter);
        JsonNode latest = api.call("POST", metering + "/meters/" + meter + "/valve-commands", api.operator,
                DemoApi.JSON.createObjectNode().put("command", "CLOSE_VALVE")
                        .put("reason", "LEAK: water flowing day and night"));
        Instant deadline = Instant.now().plusSeconds(30);
        while ("PENDING".equals(latest.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            latest = api.staffRead(metering + "/meters/" + meter + "/valve-commands?limit=1", "SAFETY; leak").path(0);
        }
        String line = "CLOSE_VALVE to %s (its LEAK): %s, valve %s, as the simulated meter answered on %s (GET "
                + "/meters/%s/valve-commands)";
        line = line.formatted(meter, latest.path("status").asText(), latest.path("valve").asText(),
                Topics.meterCommandAcks(meter), meter);
        story.out.println("  " + line);
        story.valveLine = line;
    }
}
