package kz.aqkol.billing.payment.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.platform.problem.ProblemException;

/** The provider adapters by name, and the one residents pay through ({@code aqkol.billing.payments.checkout-provider}). */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProvider> byName;
    private final PaymentProvider checkout;

    PaymentProviders(Instance<PaymentProvider> adapters, BillingConfig config) {
        this.byName = adapters.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::name,
                Function.identity()));
        String name = config.payments().checkoutProvider();
        this.checkout = byName.get(name);
        if (checkout == null) {
            throw new IllegalStateException("aqkol.billing.payments.checkout-provider names no adapter: " + name);
        }
    }

    /** The adapter of that name; 404 if there is none. */
    public PaymentProvider named(String name) {
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw ProblemException.notFound("payment provider", name);
        }
        return provider;
    }

    public PaymentProvider checkout() {
        return checkout;
    }
}
