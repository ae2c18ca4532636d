package kz.aqkol.billing.run;

import java.util.UUID;

/**
 * What became of one account in a run (a {@code bill_run_item} row). {@code invoiceId} is null when the invoice
 * was found already issued at insert time: the row then takes the period's invoice by its bill_key.
 */
record Item(String account, Outcome outcome, UUID invoiceId, String detail) {

    static Item pending(String account, String detail) {
        return new Item(account, Outcome.PENDING, null, detail);
    }
}
