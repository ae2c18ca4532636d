package kz.aqkol.metering.alert;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.contracts.AlertRaised;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.Topics;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.platform.messaging.Outbox;

/**
 * Raises and resolves alerts about meters, through the outbox (so an alert exists exactly when the change behind
 * it committed). The subject is always {@code meter:<id>}, so alert-service deduplicates per meter and type.
 */
@ApplicationScoped
public class MeterAlerts {

    static final String SOURCE = "metering-service";

    private final Outbox outbox;
    private final Clock clock;

    MeterAlerts(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> raise(Meter meter, String type, Severity severity, String summary) {
        return publish(meter, type, severity, summary, false);
    }

    public Uni<Void> resolve(Meter meter, String type, Severity severity, String summary) {
        return publish(meter, type, severity, summary, true);
    }

    private Uni<Void> publish(Meter meter, String type, Severity severity, String summary, boolean resolved) {
        Map<String, String> labels = new HashMap<>();
        labels.put("utility", meter.utility.name());
        if (meter.zone != null) {
            labels.put("zone", meter.zone);
        }
        if (meter.accountNumber != null) {
            labels.put("account", meter.accountNumber);
        }
        return outbox.enqueue(Topics.alerts(SOURCE), new AlertRaised(UUID.randomUUID(), Instant.now(clock), SOURCE,
                type, severity, "meter:" + meter.id, summary, labels, resolved));
    }
}
