package kz.aqkol.billing.payment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import kz.aqkol.contracts.AccountStatus;

/** A payment as recorded: how it was applied, and where the account stands after it. */
@RegisterForReflection
public record PaymentView(UUID id, String accountNumber, String kind, long amountTiyn, String currency,
                          long toInvoicesTiyn, long toWalletTiyn, List<Settled> settled, long walletTiyn,
                          long owedTiyn, AccountStatus accountStatus, String providerReference, Instant receivedAt,
                          UUID ledgerTransaction) {

    @RegisterForReflection
    public record Settled(UUID invoiceId, long amountTiyn) {
    }
}
