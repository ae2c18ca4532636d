package kz.aqkol.billing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.aqkol.billing.account.SocialCategory;
import kz.aqkol.billing.invoice.Explanation;
import kz.aqkol.billing.ledger.Ledger;
import kz.aqkol.billing.ledger.Ledger.Account;
import kz.aqkol.billing.ledger.Ledger.Entry;
import org.junit.jupiter.api.Test;

class InvoicePostingsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");

    private static Explanation.MeterCharge charge(String meter, String utility, long amount) {
        return new Explanation.MeterCharge(meter, utility, "M3", null, null, BigDecimal.ONE, "MEASURED", "REGISTER",
                List.of(), amount);
    }

    private static InvoiceDraft draft(String account, Explanation.MeterCharge... charges) {
        long total = List.of(charges).stream().mapToLong(Explanation.MeterCharge::amountTiyn).sum();
        return new InvoiceDraft(UUID.randomUUID(), List.of(), new Explanation("INVOICE", account, "2026-11",
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), SocialCategory.NONE, List.of(charges), total,
                "KZT", "rule", null, null));
    }

    @Test
    void anInvoiceDebitsTheReceivableAndCreditsEachUtilitysRevenueOnce() {
        InvoiceDraft invoice = draft("AQ-1", charge("G-1", "GAS", 1_000), charge("W-1", "WATER", 300),
                charge("G-2", "GAS", 200));
        Ledger.Txn txn = InvoicePostings.invoice(invoice.id(), "AQ-1", invoice.explanation(), NOW);
        assertThat(txn.kind()).isEqualTo("INVOICE");
        assertThat(txn.accountNumber()).isEqualTo("AQ-1");
        assertThat(txn.reference()).isEqualTo(invoice.id().toString());
        assertThat(txn.at()).isEqualTo(NOW);
        assertThat(txn.entries()).containsExactly(Entry.debit(Account.RECEIVABLE, "AQ-1", 1_500),
                Entry.credit(Account.REVENUE, "GAS", 1_200), Entry.credit(Account.REVENUE, "WATER", 300));
    }

    @Test
    void autoPaySettlesWhatTheWalletHoldsUpToTheTotal() {
        // a wallet is a liability: money held is a credit (negative) balance
        assertThat(InvoicePostings.settledFromWallet(true, -5_000, 1_500)).isEqualTo(1_500);
        assertThat(InvoicePostings.settledFromWallet(true, -1_000, 1_500)).isEqualTo(1_000);
        assertThat(InvoicePostings.settledFromWallet(true, 0, 1_500)).isZero();
        assertThat(InvoicePostings.settledFromWallet(true, 700, 1_500)).isZero();
        assertThat(InvoicePostings.settledFromWallet(false, -5_000, 1_500)).isZero();
        assertThat(InvoicePostings.settledFromWallet(true, -5_000, 0)).isZero();
    }

    @Test
    void eachInvoiceIsFollowedByItsWalletDebitWhenAutoPaySettledSome() {
        InvoiceDraft paid = draft("AQ-1", charge("G-1", "GAS", 1_000));
        InvoiceDraft unpaid = draft("AQ-2", charge("G-2", "GAS", 400));
        List<Ledger.Txn> txns = InvoicePostings.of(List.of(paid, unpaid), Map.of(paid.id(), 600L, unpaid.id(), 0L),
                NOW);
        assertThat(txns).extracting(Ledger.Txn::kind).containsExactly("INVOICE", "WALLET_DEBIT", "INVOICE");
        assertThat(txns).extracting(Ledger.Txn::reference).containsExactly(paid.id().toString(),
                paid.id().toString(), unpaid.id().toString());
        assertThat(txns.get(1).entries()).containsExactly(Entry.debit(Account.WALLET, "AQ-1", 600),
                Entry.credit(Account.RECEIVABLE, "AQ-1", 600));
        assertThat(txns).extracting(Ledger.Txn::id).doesNotHaveDuplicates();
    }
}
