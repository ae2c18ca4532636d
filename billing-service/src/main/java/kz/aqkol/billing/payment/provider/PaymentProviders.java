package kz.aqkol.billing.payment.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.aqkol.billing.config.BillingConfig;
import kz.aqkol.platform.deployment.Deployment;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import org.jboss.logging.Logger;

/**
 * The provider adapters by name, the one residents pay through ({@code aqkol.billing.payments.checkout-provider})
 * and the principals that may report payments themselves. A production deployment never trusts the sandbox: its
 * adapter, its callbacks and a principal named like it are ignored there, so pay actions answer 503 until a real
 * provider's adapter is configured.
 */
@ApplicationScoped
public class PaymentProviders {

    private static final Logger LOG = Logger.getLogger(PaymentProviders.class);

    private final Map<String, PaymentProvider> byName;
    private final PaymentProvider checkout;
    private final Set<String> principals;

    PaymentProviders(Instance<PaymentProvider> adapters, BillingConfig config, Deployment deployment) {
        this.byName = adapters.stream()
                .filter(adapter -> !(deployment.production() && SandboxProvider.NAME.equals(adapter.name())))
                .collect(Collectors.toUnmodifiableMap(PaymentProvider::name, Function.identity()));
        String name = config.payments().checkoutProvider();
        this.checkout = byName.get(name);
        if (checkout == null) {
            LOG.warnf("no payment provider adapter '%s' in this deployment: residents' pay actions answer 503", name);
        }
        this.principals = config.payments().providerPrincipals().stream()
                .filter(principal -> !(deployment.production() && SandboxProvider.NAME.equals(principal)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The adapter of that name; 404 if there is none. */
    public PaymentProvider named(String name) {
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw ProblemException.notFound("payment provider", name);
        }
        return provider;
    }

    /** The adapter residents pay through; 503 while none is configured. */
    public PaymentProvider checkout() {
        if (checkout == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "No payment provider is configured; try again later");
        }
        return checkout;
    }

    /** Whether the caller (a token's service name) is a payment provider that may report payments itself. */
    public boolean reportsPayments(String principal) {
        return principals.contains(principal);
    }
}
