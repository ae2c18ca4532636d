package kz.aqkol.billing.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.tariff.TariffMath;
import kz.aqkol.billing.tariff.Utility;

/**
 * Prices one account's month, with no I/O: each meter's consumption under its utility's tariff versions in force
 * ({@link TariffMath}: blocks, standing charge, discount, the one rounding rule), the invoice total as the sum of
 * the meters' rounded amounts, and the explanation that is stored with the invoice.
 */
final class InvoicePricing {

    private InvoicePricing() {
    }

    /** The account cannot be priced (no tariff in force, unknown utility, negative consumption); the reason. */
    static final class CannotPrice extends RuntimeException {
        CannotPrice(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The explanation of {@code metered}'s invoice for {@code run}'s month; a meter without consumption is 0. */
    static Explanation explain(BillRun run, Metered metered) {
        try {
            List<Explanation.MeterCharge> charges = new ArrayList<>();
            long total = 0;
            for (MeterPeriod p : metered.periods()) {
                Utility utility = Utility.valueOf(p.utility());
                BigDecimal consumption = p.consumption() == null ? BigDecimal.ZERO : p.consumption();
                TariffMath.Charge charge = TariffMath.charge(run.tariffs().getOrDefault(utility, List.of()),
                        run.from(), run.to(), consumption, metered.category());
                charges.add(new Explanation.MeterCharge(p.meterId(), p.utility(), p.unit(), p.startRegister(),
                        p.endRegister(), consumption, p.quality(), p.method(), charge.segments(),
                        charge.totalTiyn()));
                total += charge.totalTiyn();
            }
            return new Explanation("INVOICE", metered.account(), run.period().toString(), run.from(), run.to(),
                    metered.category(), List.copyOf(charges), total, "KZT", TariffMath.ROUNDING_RULE, null, null);
        } catch (TariffMath.NoTariff | IllegalArgumentException e) {
            throw new CannotPrice("cannot price: " + e.getMessage());
        }
    }
}
