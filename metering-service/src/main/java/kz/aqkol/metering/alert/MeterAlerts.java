package kz.aqkol.metering.alert;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import kz.aqkol.contracts.Severity;
import kz.aqkol.contracts.TraceContext;
import kz.aqkol.metering.meter.Meter;
import kz.aqkol.platform.messaging.Alerts;
import kz.aqkol.platform.tracing.Traces;

/**
 * Raises and resolves alerts about meters through the platform's {@link Alerts} (so an alert exists exactly when the
 * change behind it committed). The subject is always {@code meter:<id>}, so alert-service deduplicates per meter
 * and type.
 */
@ApplicationScoped
public class MeterAlerts {

    private final Alerts alerts;

    MeterAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    /** In the trace of the current span, if there is one. */
    public Uni<Void> raise(Meter meter, String type, Severity severity, String summary) {
        return raise(meter, type, severity, summary, Traces.current());
    }

    /** In the trace {@code trace} names (none if null). */
    public Uni<Void> raise(Meter meter, String type, Severity severity, String summary, TraceContext trace) {
        return publish(meter, type, severity, summary, false, trace);
    }

    /** In the trace of the current span, if there is one. */
    public Uni<Void> resolve(Meter meter, String type, Severity severity, String summary) {
        return resolve(meter, type, severity, summary, Traces.current());
    }

    /** In the trace {@code trace} names (none if null). */
    public Uni<Void> resolve(Meter meter, String type, Severity severity, String summary, TraceContext trace) {
        return publish(meter, type, severity, summary, true, trace);
    }

    private Uni<Void> publish(Meter meter, String type, Severity severity, String summary, boolean resolved,
                              TraceContext trace) {
        Map<String, String> labels = new HashMap<>();
        labels.put("utility", meter.utility.name());
        if (meter.zone != null) {
            labels.put("zone", meter.zone);
        }
        if (meter.accountNumber != null) {
            labels.put("account", meter.accountNumber);
        }
        return alerts.enqueue(alerts.of(type, severity, "meter:" + meter.id, summary, labels, resolved), trace);
    }
}
