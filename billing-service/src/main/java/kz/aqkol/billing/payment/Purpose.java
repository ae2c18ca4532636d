package kz.aqkol.billing.payment;

/** What a payment pays: the open invoices oldest due first, one invoice, or the wallet; what is left goes to the wallet. */
public enum Purpose { OPEN_INVOICES, INVOICE, WALLET }
