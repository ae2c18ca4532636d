package kz.aqkol.billing.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Ledger;

/** The ledger side of issuing invoices, with no I/O: what auto-pay takes from a wallet, and the transactions. */
final class InvoicePostings {

    private InvoicePostings() {
    }

    /**
     * What auto-pay settles of an invoice of {@code totalTiyn} from a wallet whose ledger balance is
     * {@code walletBalance} (a credit, so money held is negative): all of it if the wallet holds enough, else
     * what it holds, nothing without auto-pay.
     */
    static long settledFromWallet(boolean autoPay, long walletBalance, long totalTiyn) {
        long wallet = autoPay ? -walletBalance : 0;
        return Math.max(0, Math.min(wallet, totalTiyn));
    }

    /** An invoice's transaction: the receivable debited with the total, each utility's revenue credited. */
    static Ledger.Txn invoice(UUID invoiceId, String account, Explanation explanation, Instant now) {
        Map<String, Long> revenue = new LinkedHashMap<>();
        explanation.meters().forEach(m -> revenue.merge(m.utility(), m.amountTiyn(), Long::sum));
        List<Ledger.Entry> entries = new ArrayList<>();
        entries.add(Ledger.Entry.debit(Ledger.Account.RECEIVABLE, account, explanation.totalTiyn()));
        revenue.forEach((utility, amount) -> entries.add(Ledger.Entry.credit(Ledger.Account.REVENUE, utility,
                amount)));
        return new Ledger.Txn(UUID.randomUUID(), "INVOICE", account, invoiceId.toString(), now, entries);
    }

    /** Each issued invoice's transaction, followed by its auto-pay debit of the wallet if any was settled. */
    static List<Ledger.Txn> of(List<InvoiceDraft> issued, Map<UUID, Long> settled, Instant now) {
        List<Ledger.Txn> txns = new ArrayList<>();
        for (InvoiceDraft invoice : issued) {
            txns.add(invoice(invoice.id(), invoice.account(), invoice.explanation(), now));
            long paid = settled.get(invoice.id());
            if (paid > 0) {
                txns.add(new Ledger.Txn(UUID.randomUUID(), "WALLET_DEBIT", invoice.account(),
                        invoice.id().toString(), now,
                        List.of(Ledger.Entry.debit(Ledger.Account.WALLET, invoice.account(), paid),
                                Ledger.Entry.credit(Ledger.Account.RECEIVABLE, invoice.account(), paid))));
            }
        }
        return txns;
    }
}
