package kz.aqkol.billing.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The payment metrics, named in one place: {@value #INTENTS} counts intents by outcome (created, confirmed,
 * declined, expired, refunded, failed: no checkout could be opened); {@value #REFUSED} counts provider callbacks
 * refused, by reason (signature, stale, unknown, amount, state).
 */
@ApplicationScoped
public class PaymentMetrics {

    public static final String INTENTS = "aqkol.billing.payment.intents";
    public static final String REFUSED = "aqkol.billing.payment.callbacks.refused";

    private final MeterRegistry registry;

    PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void intent(String outcome) {
        intents(outcome, 1);
    }

    public void intents(String outcome, int count) {
        Counter.builder(INTENTS).description("Payment intents by outcome").tag("outcome", outcome).register(registry)
                .increment(count);
    }

    public void refused(String reason) {
        Counter.builder(REFUSED).description("Payment provider callbacks refused, by reason").tag("reason", reason)
                .register(registry).increment();
    }
}
