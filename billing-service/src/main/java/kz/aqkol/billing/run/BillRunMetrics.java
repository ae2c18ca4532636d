package kz.aqkol.billing.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The bill-run metrics, named in one place: {@value #RUNS} counts runs (and retries) ended, by outcome (completed,
 * failed); {@value #DURATION} times them, by the same outcome; {@value #ACCOUNTS} counts what runs did with
 * accounts, by outcome (invoiced, already_invoiced, pending, no_meters), each time a batch commits; {@value #TAKEOVERS}
 * counts runs this replica took over from one whose lease had ended.
 */
@ApplicationScoped
public class BillRunMetrics {

    public static final String RUNS = "aqkol.billing.bill.runs";
    public static final String DURATION = "aqkol.billing.bill.run.duration";
    public static final String ACCOUNTS = "aqkol.billing.bill.run.accounts";
    public static final String TAKEOVERS = "aqkol.billing.bill.run.takeovers";

    private final MeterRegistry registry;

    BillRunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void ended(RunStatus status, Duration took) {
        String outcome = status.name().toLowerCase(Locale.ROOT);
        Counter.builder(RUNS).description("Bill runs ended, by outcome").tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder(DURATION).description("Time a bill run took, by outcome").tag("outcome", outcome)
                .register(registry).record(took);
    }

    void takenOver() {
        Counter.builder(TAKEOVERS).description("Bill runs taken over from a replica whose lease had ended")
                .register(registry).increment();
    }

    void accounts(List<Item> items) {
        for (Item item : items) {
            Counter.builder(ACCOUNTS).description("Accounts a bill run recorded, by outcome")
                    .tag("outcome", item.outcome().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        }
    }
}
